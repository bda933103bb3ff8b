// Messages of guests made from a cloud image with cloud-init: SSH keys, extra user-data, the NoCloud seed (issue 15).
import type { Catalog } from './catalog.ts';

export const en = {
  KCHCI0001E: 'SSH key {n} is not a public key: {why}.',
  KCHCI0002E: 'The extra user-data is not valid YAML (line {line}, column {col}): {detail}',
  KCHCI0003E: 'The extra user-data must be a YAML mapping (key: value lines), not {kind}.',
  KCHCI0004E: 'The extra user-data sets {key}, which the form already sets; remove it from the user-data.',
  KCHCI0005E: 'The cloud-init seed could not be built: {detail}',
  KCHCI0006E: 'The cloud image {path} is not a volume of a storage pool; upload it into a pool first.',
  KCHCI0007E: 'cloud-init needs a cloud image or a template with a disk; an install ISO cannot use it.',
  KCHCI0008E: 'The disk size {size} is smaller than the cloud image {path} ({image}); choose at least {image}.',
  KCHCI0009E: '{path} is a volume of format {format}; a cloud image is a qcow2 or raw disk image.',
  KCHCI0011E: 'The cloud image {path} is itself an overlay of {backing}; use an image without a backing file.',
  KCHCI0010E: 'The extra user-data is not valid YAML: {detail}',
  'ci.key.format': 'expected "<type> <base64> [comment]" on one line',
  'ci.key.type': 'the key type {type} is not one OpenSSH accepts',
  'ci.key.blob': 'the base64 part is not a {type} key',
  'ci.kind.list': 'a list',
  'ci.kind.scalar': 'a single value',
  'ci.kind.empty': 'empty',
  'step.seed': 'writing the cloud-init seed {volume}',
} as const;

export const pt: Catalog<typeof en> = {
  KCHCI0001E: 'A chave SSH {n} não é uma chave pública: {why}.',
  KCHCI0002E: 'O user-data extra não é YAML válido (linha {line}, coluna {col}): {detail}',
  KCHCI0003E: 'O user-data extra precisa ser um mapeamento YAML (linhas chave: valor), não {kind}.',
  KCHCI0004E: 'O user-data extra define {key}, que o formulário já define; remova-o do user-data.',
  KCHCI0005E: 'A semente do cloud-init não pôde ser construída: {detail}',
  KCHCI0006E: 'A imagem de nuvem {path} não é um volume de um pool de armazenamento; envie-a para um pool primeiro.',
  KCHCI0007E: 'O cloud-init precisa de uma imagem de nuvem ou de um modelo com disco; uma ISO de instalação não pode usá-lo.',
  KCHCI0008E: 'O tamanho de disco {size} é menor que a imagem de nuvem {path} ({image}); escolha pelo menos {image}.',
  KCHCI0009E: '{path} é um volume de formato {format}; uma imagem de nuvem é uma imagem de disco qcow2 ou raw.',
  KCHCI0011E: 'A imagem de nuvem {path} é ela mesma um overlay de {backing}; use uma imagem sem arquivo de apoio.',
  KCHCI0010E: 'O user-data extra não é YAML válido: {detail}',
  'ci.key.format': 'esperado "<tipo> <base64> [comentário]" em uma linha',
  'ci.key.type': 'o tipo de chave {type} não é aceito pelo OpenSSH',
  'ci.key.blob': 'a parte em base64 não é uma chave {type}',
  'ci.kind.list': 'uma lista',
  'ci.kind.scalar': 'um valor único',
  'ci.kind.empty': 'vazio',
  'step.seed': 'gravando a semente do cloud-init {volume}',
};
