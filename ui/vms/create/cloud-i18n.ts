// The New guest dialog's cloud image strings (en-US + pt-BR): the image picker and the cloud-init fields.
import { locale } from '../../common/i18n/index.ts';
import { translator } from '../../common/i18n/translator.ts';

const en = {
  'image.label': 'Cloud image',
  'image.pick': 'Choose a cloud image…',
  'image.none': 'No qcow2 or raw image in the active storage pools: upload one.',
  'image.hint': 'The guest gets its own disk on top of the image (a qcow2 overlay); the image itself is never changed.',
  'upload.hint': 'Or upload a cloud image (qcow2 or raw) into the storage pool chosen below.',
  'url.label': 'Or download from a URL',
  'url.hint': 'An http(s) address on your network; the image goes into the storage pool chosen below.',
  'url.download': 'Download',
  'url.starting': 'Starting the download…',
  'url.progress': 'Downloading… {pct}%',
  'legend': 'First boot (cloud-init)',
  'user': 'User name',
  'user.hint': 'Created at first boot, with sudo rights.',
  'password': 'Password',
  'password.hint': 'Optional. Only its hash goes to the guest; it is not stored.',
  'keys': 'SSH public keys',
  'keys.hint': 'One a line, as in ~/.ssh/id_ed25519.pub.',
  'hostname': 'Host name',
  'hostname.hint': 'Default: the guest\'s name.',
  'more': 'Advanced',
  'userData': 'Extra user-data (YAML)',
  'userData.hint': 'Optional #cloud-config keys such as packages or runcmd.',
  'problem.user': 'Lower-case letters, digits, _ and -, starting with a letter; not root.',
  'problem.key': 'Line {n} is not an SSH public key (“<type> <base64> [comment]”).',
  'problem.login': 'Give a password or an SSH key, or nobody can log in.',
  'problem.hostname': 'Letters, digits and inner hyphens, at most 63.',
} as const;

export type CloudKey = keyof typeof en;

const pt: { readonly [K in CloudKey]: string } = {
  'image.label': 'Imagem de nuvem',
  'image.pick': 'Escolha uma imagem de nuvem…',
  'image.none': 'Nenhuma imagem qcow2 ou raw nos pools ativos: envie uma.',
  'image.hint': 'O convidado ganha um disco próprio sobre a imagem (um overlay qcow2); a imagem nunca é alterada.',
  'upload.hint': 'Ou envie uma imagem de nuvem (qcow2 ou raw) para o pool de armazenamento escolhido abaixo.',
  'url.label': 'Ou baixe de uma URL',
  'url.hint': 'Um endereço http(s) na sua rede; a imagem vai para o pool de armazenamento escolhido abaixo.',
  'url.download': 'Baixar',
  'url.starting': 'Iniciando o download…',
  'url.progress': 'Baixando… {pct}%',
  'legend': 'Primeira inicialização (cloud-init)',
  'user': 'Nome de usuário',
  'user.hint': 'Criado na primeira inicialização, com direitos de sudo.',
  'password': 'Senha',
  'password.hint': 'Opcional. Só o hash vai para o convidado; ela não é armazenada.',
  'keys': 'Chaves públicas SSH',
  'keys.hint': 'Uma por linha, como em ~/.ssh/id_ed25519.pub.',
  'hostname': 'Nome do host',
  'hostname.hint': 'Padrão: o nome do convidado.',
  'more': 'Avançado',
  'userData': 'User-data extra (YAML)',
  'userData.hint': 'Chaves #cloud-config opcionais, como packages ou runcmd.',
  'problem.user': 'Letras minúsculas, dígitos, _ e -, começando com letra; não root.',
  'problem.key': 'A linha {n} não é uma chave pública SSH (“<tipo> <base64> [comentário]”).',
  'problem.login': 'Informe uma senha ou uma chave SSH, ou ninguém conseguirá entrar.',
  'problem.hostname': 'Letras, dígitos e hifens internos, no máximo 63.',
};

/** Translate a cloud image key of the New guest dialog. */
export const t = translator<CloudKey>(locale, { 'en-US': en, 'pt-BR': pt });
