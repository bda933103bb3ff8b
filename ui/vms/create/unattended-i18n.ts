// The New guest dialog's unattended install strings (en-US + pt-BR): the "Install automatically" option and its fields.
import { locale } from '../../common/i18n/index.ts';
import { translator } from '../../common/i18n/translator.ts';

const en = {
  'toggle': 'Install automatically',
  'toggle.hint': 'osinfo-db has an install script for {os}: the installer starts at once and asks nothing; when it is done the guest stops, and its next start boots the new system.',
  'legend': 'Automatic install',
  'user': 'User name',
  'user.hint': 'The installer creates this user.',
  'password': 'Password',
  'password.hint': 'For the user (and the administrator). Written only into the install script, never stored.',
  'locale': 'Language',
  'locale.hint': 'Such as en-US or pt-BR.',
  'timezone': 'Time zone',
  'timezone.hint': 'Such as Europe/Lisbon.',
  'productKey': 'Product key',
  'productKey.hint': 'XXXXX-XXXXX-XXXXX-XXXXX-XXXXX',
  'problem.user': 'Lower-case letters, digits, _ and -, starting with a letter; not root.',
  'problem.password': 'Give a password, on one line, without quotes or backslashes.',
  'problem.locale': 'A language tag such as en-US or pt-BR.',
  'problem.timezone': 'A time zone from the list, such as America/Sao_Paulo.',
  'problem.productKey': 'Five groups of five letters or digits, separated by hyphens.',
  'start.locked': 'Install automatically starts the installer at once.',
} as const;

export type UaKey = keyof typeof en;

const pt: { readonly [K in UaKey]: string } = {
  'toggle': 'Instalar automaticamente',
  'toggle.hint': 'O osinfo-db tem um script de instalação para {os}: o instalador começa na hora e não pergunta nada; ao terminar o convidado para, e a próxima inicialização abre o sistema novo.',
  'legend': 'Instalação automática',
  'user': 'Nome de usuário',
  'user.hint': 'O instalador cria este usuário.',
  'password': 'Senha',
  'password.hint': 'Do usuário (e do administrador). Gravada só no script de instalação, nunca armazenada.',
  'locale': 'Idioma',
  'locale.hint': 'Como en-US ou pt-BR.',
  'timezone': 'Fuso horário',
  'timezone.hint': 'Como America/Sao_Paulo.',
  'productKey': 'Chave do produto',
  'productKey.hint': 'XXXXX-XXXXX-XXXXX-XXXXX-XXXXX',
  'problem.user': 'Letras minúsculas, dígitos, _ e -, começando com letra; não root.',
  'problem.password': 'Informe uma senha, em uma linha, sem aspas nem barras invertidas.',
  'problem.locale': 'Uma etiqueta de idioma como en-US ou pt-BR.',
  'problem.timezone': 'Um fuso horário da lista, como America/Sao_Paulo.',
  'problem.productKey': 'Cinco grupos de cinco letras ou dígitos, separados por hifens.',
  'start.locked': 'A instalação automática inicia o instalador imediatamente.',
};

/** Translate an unattended install key of the New guest dialog. */
export const t = translator<UaKey>(locale, { 'en-US': en, 'pt-BR': pt });
