// The Templates page's own strings (en-US and pt-BR, pt-BR typed to translate every key) and its t(); older ones
// live in the common catalog.
import { locale } from '../common/i18n/index.ts';
import { translator } from '../common/i18n/translator.ts';

const en = {
  'toast.created': 'Template {name} created',
  'toast.createFailed': 'Could not create template {name}',
  'toast.cloned': 'Template {name} cloned as {clone}',
  'toast.cloneFailed': 'Could not clone template {name}',
  'toast.deleted': 'Template {name} deleted',
  'toast.deleteFailed': 'Could not delete template {name}',
  'count.one': '{count} template',
  'count.other': '{count} templates',
  'check.label': 'Check against host',
  'check.hint': 'Templates are shared by every host; the ISOs, pools and networks they name are each host\'s own.',
  'check.one': 'Checked against host {host}: the ISOs, pools and networks templates name are each host\'s own.',
  'invalidOn': 'Invalid on {host}',
} as const;

export type TemplatesMessageKey = keyof typeof en;

const pt: { readonly [K in TemplatesMessageKey]: string } = {
  'toast.created': 'Modelo {name} criado',
  'toast.createFailed': 'Não foi possível criar o modelo {name}',
  'toast.cloned': 'Modelo {name} clonado como {clone}',
  'toast.cloneFailed': 'Não foi possível clonar o modelo {name}',
  'toast.deleted': 'Modelo {name} removido',
  'toast.deleteFailed': 'Não foi possível remover o modelo {name}',
  'count.one': '{count} modelo',
  'count.other': '{count} modelos',
  'check.label': 'Verificar no host',
  'check.hint': 'Os modelos valem para todos os hosts; as ISOs, pools e redes que eles citam são de cada host.',
  'check.one': 'Verificados no host {host}: as ISOs, pools e redes que os modelos citam são de cada host.',
  'invalidOn': 'Inválido em {host}',
};

/** Translate a Templates page key in the UI's locale, filling `{name}` placeholders. */
export const tt = translator<TemplatesMessageKey>(locale, { 'en-US': en, 'pt-BR': pt });
