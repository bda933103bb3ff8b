// Messages of the CD-ROM path rule (handlers/common/cdrom-path.ts), shared by VM CD-ROMs and templates.
import type { Catalog } from './catalog.ts';

export const en = {
  KCHCDROM0001E: 'The CD-ROM image {path} does not exist.',
  KCHCDROM0002E: '{path} is in {dir}, a system directory: files from there are never given to a virtual machine as a CD-ROM.',
  KCHCDROM0003E: '{path} is in {dir}, where only volumes of a storage pool can be used as a CD-ROM; put the image in a storage pool or another directory.',
  KCHCDROM0004E: '{path} is {kind}; a CD-ROM image must be a regular file.',
  KCHCDROM0005E: '{path} is not an ISO 9660 or UDF image, so it cannot be used as a CD-ROM.',
  KCHCDROM0006E: 'The CD-ROM image {path} cannot be read: {detail}',
  'cdrom.kind.fifo': 'a named pipe (FIFO)',
  'cdrom.kind.socket': 'a socket',
  'cdrom.kind.chardev': 'a character device',
  'cdrom.kind.blockdev': 'a block device that is not a volume of a storage pool',
  'cdrom.kind.directory': 'a directory',
  'cdrom.kind.other': 'not a regular file',
} as const;

export const pt: Catalog<typeof en> = {
  KCHCDROM0001E: 'A imagem de CD-ROM {path} não existe.',
  KCHCDROM0002E: '{path} está em {dir}, um diretório do sistema: arquivos de lá nunca são entregues a uma máquina virtual como CD-ROM.',
  KCHCDROM0003E: '{path} está em {dir}, onde só volumes de um pool de armazenamento podem ser usados como CD-ROM; coloque a imagem em um pool de armazenamento ou em outro diretório.',
  KCHCDROM0004E: '{path} é {kind}; uma imagem de CD-ROM precisa ser um arquivo comum.',
  KCHCDROM0005E: '{path} não é uma imagem ISO 9660 nem UDF, então não pode ser usado como CD-ROM.',
  KCHCDROM0006E: 'A imagem de CD-ROM {path} não pode ser lida: {detail}',
  'cdrom.kind.fifo': 'um pipe nomeado (FIFO)',
  'cdrom.kind.socket': 'um socket',
  'cdrom.kind.chardev': 'um dispositivo de caracteres',
  'cdrom.kind.blockdev': 'um dispositivo de bloco que não é volume de um pool de armazenamento',
  'cdrom.kind.directory': 'um diretório',
  'cdrom.kind.other': 'não é um arquivo comum',
};
