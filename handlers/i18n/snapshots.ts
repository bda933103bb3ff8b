// Messages of a VM's snapshots (KCHSNAP).
import type { Catalog } from './catalog.ts';

export const en = {
  KCHSNAP0001E: 'The virtual machine {name} has no snapshot named {snapshot}.',
  KCHSNAP0002E: 'The virtual machine {name} has no current snapshot.',
  KCHSNAP0003E: 'The virtual machine {name} already has a snapshot named {snapshot}.',
  KCHSNAP0004E: 'The virtual machine {name} cannot take snapshots: its disk {dev} is in the {format} format, and snapshots are kept inside qcow2 disks.',
  KCHSNAP0005E: 'The memory can only be saved while the virtual machine {name} runs; it is {state}.',
  KCHSNAP0006E: 'A snapshot of the running virtual machine {name} always includes its memory; shut it down for a disk-only snapshot.',
  KCHSNAP0007E: 'The snapshot {snapshot} keeps its data outside the disks (external); reverting to it is not supported.',
  KCHSNAP0008E: 'Creating the snapshot {snapshot} of the virtual machine {name} failed: {detail}',
  KCHSNAP0009E: 'Reverting the virtual machine {name} to the snapshot {snapshot} failed: {detail}',
  KCHSNAP0010E: 'Deleting the snapshot {snapshot} of the virtual machine {name} failed: {detail}',
} as const;

export const pt: Catalog<typeof en> = {
  KCHSNAP0001E: 'A máquina virtual {name} não tem um snapshot chamado {snapshot}.',
  KCHSNAP0002E: 'A máquina virtual {name} não tem snapshot atual.',
  KCHSNAP0003E: 'A máquina virtual {name} já tem um snapshot chamado {snapshot}.',
  KCHSNAP0004E: 'A máquina virtual {name} não pode ter snapshots: seu disco {dev} está no formato {format}, e os snapshots ficam dentro de discos qcow2.',
  KCHSNAP0005E: 'A memória só pode ser salva com a máquina virtual {name} em execução; ela está {state}.',
  KCHSNAP0006E: 'Um snapshot da máquina virtual {name} em execução sempre inclui a memória; desligue-a para um snapshot só dos discos.',
  KCHSNAP0007E: 'O snapshot {snapshot} guarda seus dados fora dos discos (externo); reverter para ele não é suportado.',
  KCHSNAP0008E: 'Falhou ao criar o snapshot {snapshot} da máquina virtual {name}: {detail}',
  KCHSNAP0009E: 'Falhou ao reverter a máquina virtual {name} para o snapshot {snapshot}: {detail}',
  KCHSNAP0010E: 'Falhou ao remover o snapshot {snapshot} da máquina virtual {name}: {detail}',
};
