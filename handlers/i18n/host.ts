// Messages of the host resources and debug reports.
import type { Catalog } from './catalog.ts';

export const en = {
  KCHDR0001E: 'Debug report {name} does not exist.',
  KCHDR0002E: 'A debug report named {name} already exists or is being generated.',
  KCHDR0003E: 'The debug report {name} could not be packed: {detail}',
  'debugreport.ready': 'Debug report {name} is ready.',
} as const;

export const pt: Catalog<typeof en> = {
  KCHDR0001E: 'O relatório de depuração {name} não existe.',
  KCHDR0002E: 'Já existe ou está sendo gerado um relatório de depuração chamado {name}.',
  KCHDR0003E: 'Não foi possível empacotar o relatório de depuração {name}: {detail}',
  'debugreport.ready': 'O relatório de depuração {name} está pronto.',
};
