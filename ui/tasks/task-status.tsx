// One Task as a status line: a spinner while running, then the outcome; the server's message is already translated.
import { Show } from 'solid-js';
import type { Task } from '../api/index.ts';
import { t } from '../common/i18n/index.ts';
import './tasks.css';

export interface TaskStatusProps {
  task: Task;
  /** Shown after the task ends: removes the line. */
  onDismiss?: () => void;
}

export function TaskStatus(props: TaskStatusProps) {
  const label = () =>
    props.task.status === 'running' ? t('task.running') : props.task.status === 'finished' ? t('task.finished') : t('task.failed');

  return (
    <div
      class="task"
      classList={{ [`task--${props.task.status}`]: true }}
      role="status"
      data-testid="task-status"
      data-task-id={props.task.id}
      data-state={props.task.status}
    >
      <span class="task__icon" aria-hidden="true" />
      <div class="task__text">
        <strong class="task__label">{label()}</strong>
        <span class="task__message" data-testid="task-message">
          {props.task.message}
        </span>
      </div>
      <Show when={props.onDismiss && props.task.status !== 'running'}>
        <button type="button" class="button task__dismiss" data-testid="task-dismiss" onClick={() => props.onDismiss?.()}>
          {t('task.dismiss')}
        </button>
      </Show>
    </div>
  );
}
