// Messages of the Task resource.
import type { Catalog } from './catalog.ts';

export const en = {
  KCHTASK0001E: 'Task {id} does not exist.',
  KCHTASK0002E: 'Task {id} has already ended ({status}).',
  KCHTASK0003E: 'Task {id} cannot be cancelled.',
  'task.interrupted': 'The server stopped while this task was running.',
} as const;

export const pt: Catalog<typeof en> = {
  KCHTASK0001E: 'A tarefa {id} não existe.',
  KCHTASK0002E: 'A tarefa {id} já terminou ({status}).',
  KCHTASK0003E: 'A tarefa {id} não pode ser cancelada.',
  'task.interrupted': 'O servidor parou enquanto esta tarefa estava em execução.',
};
