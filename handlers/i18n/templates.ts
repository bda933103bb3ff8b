// Messages of the Template resource.
import type { Catalog } from './catalog.ts';

export const en = {
  KCHTMPL0001E: 'A template named {name} already exists.',
  KCHTMPL0002E: 'The template {name} does not exist.',
  KCHTMPL0003E: 'The install image {path} cannot be used: {detail}',
  KCHTMPL0004E: 'The storage pool {pool} does not exist.',
  KCHTMPL0005E: 'The network {network} does not exist.',
  KCHTMPL0006E: 'The CPU topology gives {product} vCPUs ({sockets} sockets × {cores} cores × {threads} threads) but the maximum vCPU count is {vcpus}; they must be equal.',
  KCHTMPL0007E: 'The maximum ({max}) must not be smaller than the current value ({current}) for {field}.',
  KCHTMPL0008E: 'The storage pool reference {ref} is not valid: use /plugins/kimchi/storagepools/<name>.',
  KCHTMPL0009E: 'The base image {path} of disk {index} does not exist.',
  'invalid.cdrom': 'the install image {items} no longer exists',
  'invalid.storagepools': 'the storage pool {items} no longer exists',
  'invalid.networks': 'the network {items} no longer exists',
  'invalid.disks': 'the base image {items} no longer exists',
} as const;

export const pt: Catalog<typeof en> = {
  KCHTMPL0001E: 'Já existe um modelo chamado {name}.',
  KCHTMPL0002E: 'O modelo {name} não existe.',
  KCHTMPL0003E: 'A imagem de instalação {path} não pode ser usada: {detail}',
  KCHTMPL0004E: 'O pool de armazenamento {pool} não existe.',
  KCHTMPL0005E: 'A rede {network} não existe.',
  KCHTMPL0006E: 'A topologia de CPU dá {product} vCPUs ({sockets} soquetes × {cores} núcleos × {threads} threads), mas o número máximo de vCPUs é {vcpus}; eles devem ser iguais.',
  KCHTMPL0007E: 'O máximo ({max}) não pode ser menor que o valor atual ({current}) em {field}.',
  KCHTMPL0008E: 'A referência de pool de armazenamento {ref} não é válida: use /plugins/kimchi/storagepools/<nome>.',
  KCHTMPL0009E: 'A imagem base {path} do disco {index} não existe.',
  'invalid.cdrom': 'a imagem de instalação {items} não existe mais',
  'invalid.storagepools': 'o pool de armazenamento {items} não existe mais',
  'invalid.networks': 'a rede {items} não existe mais',
  'invalid.disks': 'a imagem base {items} não existe mais',
};
