// Messages of the host registry and per-host requests (issue 14: many hosts).
import type { Catalog } from './catalog.ts';

export const en = {
  KCHHOST0001E: "There is no host named '{name}'.",
  KCHHOST0002E: "A host named '{name}' is already registered.",
  KCHHOST0003E: "The host 'local' is the machine this server runs on: it cannot be removed or changed.",
  KCHHOST0004E: "Host '{name}' has {count} running task(s): wait for them to end before removing it.",
  KCHHOST0005E: "'{uri}' is not a libvirt URI this server can use: {detail}",
  KCHHOST0006E: "Host '{name}' is unreachable: {reason}",
  KCHHOST0007E: "Host '{host}' lacks what the template names: {missing}.",
  KCHHOST0008E: "Host '{name}': the network 'default' is missing or inactive.",
  KCHHOST0009E: "Host '{name}': the storage pool 'default' is missing or inactive.",
  KCHHOST0010E: 'the option command= would run a program on this server',
  KCHHOST0011E: "The graphical console of '{name}' on host '{host}' cannot be reached from this server; use its serial console.",
  KCHHOST0012E: "The URI of 'local' is the server's --libvirt-uri and cannot be changed here; only its migration_uri and description can.",
  'host.connecting': 'not connected yet',
} as const;

export const pt: Catalog<typeof en> = {
  KCHHOST0001E: "Não há um host chamado '{name}'.",
  KCHHOST0002E: "Já existe um host registrado com o nome '{name}'.",
  KCHHOST0003E: "O host 'local' é a máquina onde este servidor roda: não pode ser removido nem alterado.",
  KCHHOST0004E: "O host '{name}' tem {count} tarefa(s) em execução: espere que terminem antes de removê-lo.",
  KCHHOST0005E: "'{uri}' não é um URI do libvirt que este servidor possa usar: {detail}",
  KCHHOST0006E: "O host '{name}' está inacessível: {reason}",
  KCHHOST0007E: "Falta ao host '{host}' o que o modelo indica: {missing}.",
  KCHHOST0008E: "Host '{name}': a rede 'default' não existe ou está inativa.",
  KCHHOST0009E: "Host '{name}': o pool de armazenamento 'default' não existe ou está inativo.",
  KCHHOST0010E: 'a opção command= executaria um programa neste servidor',
  KCHHOST0011E: "O console gráfico de '{name}' no host '{host}' não é alcançável a partir deste servidor; use o console serial.",
  KCHHOST0012E: "A URI de 'local' é o --libvirt-uri do servidor e não pode ser alterada aqui; só migration_uri e description podem.",
  'host.connecting': 'ainda não conectado',
};
