// Messages of the startup sanity check (global error mode).
import type { Catalog } from './catalog.ts';

export const en = {
  KCHCONF0001E: 'Cannot connect to libvirtd at {uri}. Make sure libvirtd is running and this user may use it.',
  KCHCONF0002E: "The network 'default' is not defined. Install the package that provides it (libvirt-daemon-config-network on Debian) or define it with virsh.",
  KCHCONF0003E: "The network 'default' is inactive and could not be started: {detail}",
  KCHCONF0004E: "The storage pool 'default' does not exist and could not be created at {path}: {detail}",
  KCHCONF0005E: "The storage pool 'default' is inactive and could not be started: {detail}",
  KCHCONF0006E: 'This server does not make backups (it was started without a database file of its own).',
  KCHCONF0007E: 'The backup could not be made: {detail}',
} as const;

export const pt: Catalog<typeof en> = {
  KCHCONF0001E: 'Não foi possível conectar ao libvirtd em {uri}. Verifique se o libvirtd está em execução e se este usuário pode usá-lo.',
  KCHCONF0002E: "A rede 'default' não está definida. Instale o pacote que a fornece (libvirt-daemon-config-network no Debian) ou defina-a com o virsh.",
  KCHCONF0003E: "A rede 'default' está inativa e não pôde ser iniciada: {detail}",
  KCHCONF0004E: "O pool de armazenamento 'default' não existe e não pôde ser criado em {path}: {detail}",
  KCHCONF0005E: "O pool de armazenamento 'default' está inativo e não pôde ser iniciado: {detail}",
  KCHCONF0006E: 'Este servidor não faz cópias de segurança (foi iniciado sem um arquivo de banco de dados próprio).',
  KCHCONF0007E: 'Não foi possível fazer a cópia de segurança: {detail}',
};
