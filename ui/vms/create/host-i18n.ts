// The New guest dialog's Host field strings (en-US + pt-BR).
import { locale } from '../../common/i18n/index.ts';
import { translator } from '../../common/i18n/translator.ts';

const en = {
  'host.label': 'Host',
  'host.hint': 'The guest is created on this host; the ISOs, storage pools, networks and templates below are its own.',
};

type HostKey = keyof typeof en;

const pt: { readonly [K in HostKey]: string } = {
  'host.label': 'Host',
  'host.hint': 'O convidado é criado neste host; as ISOs, pools de armazenamento, redes e modelos abaixo são dele.',
};

/** Translate a Host field key of the New guest dialog. */
export const t = translator<HostKey>(locale, { 'en-US': en, 'pt-BR': pt });
