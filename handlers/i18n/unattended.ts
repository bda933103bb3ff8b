// Messages of unattended installs from an ISO (issue 15): which OS offers one, the fields it needs, rendering and injecting the script.
import type { Catalog } from './catalog.ts';

export const en = {
  KCHUA0001E: '{os} has no unattended install script in osinfo-db; install it by hand (leave "Install automatically" off).',
  KCHUA0002E: 'An unattended install needs an ISO as the install source.',
  KCHUA0003E: 'The unattended install of {os} needs {field}.',
  KCHUA0004E: '{tz} is not a time zone this server knows; use an IANA name such as Europe/Lisbon or America/Sao_Paulo.',
  KCHUA0005E: 'The product key must look like {format} (letters and digits).',
  KCHUA0006E: 'The unattended install script could not be rendered: {detail}',
  KCHUA0007E: 'The installer file {file} could not be read from {path}: {detail}',
  KCHUA0008E: 'An unattended install starts the installer at once; leave start on.',
  'ua.field.product_key': 'a product key',
  'ua.field.user': 'a user name',
  'ua.field.password': 'a password',
  'ua.field.timezone': 'a time zone',
  'step.unattended': 'preparing the unattended install {volume}',
} as const;

export const pt: Catalog<typeof en> = {
  KCHUA0001E: '{os} não tem script de instalação automática no osinfo-db; instale manualmente (deixe "Instalar automaticamente" desligado).',
  KCHUA0002E: 'Uma instalação automática precisa de uma ISO como origem da instalação.',
  KCHUA0003E: 'A instalação automática de {os} precisa de {field}.',
  KCHUA0004E: '{tz} não é um fuso horário que este servidor conheça; use um nome IANA como Europe/Lisbon ou America/Sao_Paulo.',
  KCHUA0005E: 'A chave do produto deve ter o formato {format} (letras e dígitos).',
  KCHUA0006E: 'O script de instalação automática não pôde ser gerado: {detail}',
  KCHUA0007E: 'O arquivo do instalador {file} não pôde ser lido de {path}: {detail}',
  KCHUA0008E: 'Uma instalação automática inicia o instalador imediatamente; deixe a opção iniciar ligada.',
  'ua.field.product_key': 'uma chave do produto',
  'ua.field.user': 'um nome de usuário',
  'ua.field.password': 'uma senha',
  'ua.field.timezone': 'um fuso horário',
  'step.unattended': 'preparando a instalação automática {volume}',
};
