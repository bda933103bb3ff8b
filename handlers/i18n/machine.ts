// Messages of a guest's machine settings: firmware, Secure Boot, TPM, CPU mode, and the reboot and NMI actions.
import type { Catalog } from './catalog.ts';

export const en = {
  KCHFW0001E: 'This host cannot give the guest a TPM 2.0: libvirt reports no TPM emulator (install the swtpm and swtpm-tools packages). Nothing was changed.',
  KCHFW0002E: 'This host offers no UEFI firmware for guests (install the ovmf package). Nothing was changed.',
  KCHFW0003E: 'Secure Boot needs UEFI firmware.',
  KCHFW0004E: 'This host offers no Secure Boot firmware for guests (the ovmf package provides it).',
  KCHFW0005E: 'A named CPU model goes with the CPU mode "custom", and the mode "custom" needs a CPU model.',
  KCHFW0006E: 'This host does not offer the CPU mode {mode}.',
  KCHFW0007E: 'This host cannot run the CPU model {model}.',
  KCHFW0008E: 'The {field} of the virtual machine {name} can only be changed while it is shut off; it is {state}.',
  KCHFW0009E: 'Secure Boot needs the q35 machine type; the virtual machine {name} uses {machine}.',
  'vmaction.reboot': 'rebooted',
  'vmaction.nmi': 'sent an NMI',
  'fwfield.firmware': 'firmware',
  'fwfield.tpm': 'TPM',
  'fwfield.cpu': 'CPU mode',
} as const;

export const pt: Catalog<typeof en> = {
  KCHFW0001E: 'Este host não pode dar ao convidado um TPM 2.0: o libvirt não informa nenhum emulador de TPM (instale os pacotes swtpm e swtpm-tools). Nada foi alterado.',
  KCHFW0002E: 'Este host não oferece firmware UEFI para convidados (instale o pacote ovmf). Nada foi alterado.',
  KCHFW0003E: 'O Secure Boot precisa de firmware UEFI.',
  KCHFW0004E: 'Este host não oferece firmware com Secure Boot para convidados (o pacote ovmf o fornece).',
  KCHFW0005E: 'Um modelo de CPU nomeado acompanha o modo de CPU "custom", e o modo "custom" precisa de um modelo de CPU.',
  KCHFW0006E: 'Este host não oferece o modo de CPU {mode}.',
  KCHFW0007E: 'Este host não consegue executar o modelo de CPU {model}.',
  KCHFW0008E: 'O {field} da máquina virtual {name} só pode ser alterado quando ela está desligada; ela está {state}.',
  KCHFW0009E: 'O Secure Boot precisa do tipo de máquina q35; a máquina virtual {name} usa {machine}.',
  'vmaction.reboot': 'reiniciada pelo sistema convidado',
  'vmaction.nmi': 'interrompida com um NMI',
  'fwfield.firmware': 'firmware',
  'fwfield.tpm': 'TPM',
  'fwfield.cpu': 'modo de CPU',
};
