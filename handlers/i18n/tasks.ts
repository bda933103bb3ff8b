// Messages of the Task resource.
import type { Catalog } from './catalog.ts';

export const en = {
  KCHTASK0001E: 'Task {id} does not exist.',
  'task.interrupted': 'The server stopped while this task was running.',
} as const;

export const pt: Catalog<typeof en> = {
  KCHTASK0001E: 'A tarefa {id} não existe.',
  'task.interrupted': 'O servidor parou enquanto esta tarefa estava em execução.',
};
