// A task's guest as a link to its page on the right host: the Task's own host, or for a finished migration the host
// the guest went to (looked up when the link is followed: the Task does not name its destination).
import type { JSX } from 'solid-js';
import { listVms, type Task } from '../api/index.ts';
import { vmHost } from '../api/vms.ts';
import { ALL_HOSTS, LOCAL_HOST } from '../api/scope.ts';
import { t } from '../common/i18n/index.ts';
import { openVmPage, vmPageHref } from '../vm/route.ts';

/** The host a task worked on (`local` for tasks from before hosts were named). */
export const taskHost = (task: Task): string => task.host ?? LOCAL_HOST;

/** A migration that finished: its guest no longer lives on the task's host. */
const movedAway = (task: Task) => task.status === 'finished' && /\/migrate$/.test(task.target_uri);

/** Where a guest named `name` lives now that it left `source`: another host's guest of that name, else `source`. */
async function destination(name: string, source: string): Promise<string> {
  const { vms } = await listVms(ALL_HOSTS);
  const there = vms.filter((vm) => vm.name === name).map(vmHost);
  return there.find((host) => host !== source) ?? there[0] ?? source;
}

export function GuestLink(props: { task: Task; name: string; onOpen: () => void; children: JSX.Element }) {
  const host = () => taskHost(props.task);
  const label = () => (host() === LOCAL_HOST || movedAway(props.task)
    ? t('tasks.openVm', { name: props.name }) : t('tasks.openVmOn', { name: props.name, host: host() }));
  const follow = (event: MouseEvent) => {
    props.onOpen();
    if (!movedAway(props.task) || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    void destination(props.name, host()).catch(() => host()).then((to) => openVmPage(props.name, to));
  };
  return (
    <a class="task-log__target" href={vmPageHref(props.name, host())} aria-label={label()} data-testid="task-row-guest"
      data-host={host()} onClick={follow}>
      {props.children}
    </a>
  );
}
