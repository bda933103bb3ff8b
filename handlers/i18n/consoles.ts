// Messages of the consoles resources: the connect action and the console WebSocket endpoints.
import type { Catalog } from './catalog.ts';

export const en = {
  KCHCONS0001E: 'The console of the virtual machine {name} cannot be opened because it is {state}.',
  KCHCONS0002E: 'The virtual machine {name} has no VNC graphics with a TCP port.',
  KCHCONS0003E: 'The VNC server of the virtual machine {name} listens on {listen}; only a VNC server listening on localhost is proxied.',
  KCHCONS0004E: 'The virtual machine {name} has no serial console.',
  KCHCONS0005E: 'A console token is required (?token=); get one with the virtual machine\'s connect action.',
  KCHCONS0006E: 'The console token is unknown, expired or already used; get a new one.',
  KCHCONS0007E: 'The virtual machine of this console token no longer exists.',
} as const;

export const pt: Catalog<typeof en> = {
  KCHCONS0001E: 'O console da máquina virtual {name} não pode ser aberto porque ela está {state}.',
  KCHCONS0002E: 'A máquina virtual {name} não tem gráficos VNC com uma porta TCP.',
  KCHCONS0003E: 'O servidor VNC da máquina virtual {name} escuta em {listen}; só um servidor VNC que escuta em localhost é repassado.',
  KCHCONS0004E: 'A máquina virtual {name} não tem console serial.',
  KCHCONS0005E: 'É preciso um token de console (?token=); obtenha um com a ação connect da máquina virtual.',
  KCHCONS0006E: 'O token de console é desconhecido, expirou ou já foi usado; obtenha um novo.',
  KCHCONS0007E: 'A máquina virtual deste token de console não existe mais.',
} as const;
