// Typed calls of debug reports, and generateDebugReport(): create, wait for the task, download — works in global error mode.
import type { DebugReport } from '../../handlers/debugreports/schemas.ts';
import type { Task } from '../../handlers/tasks/schemas.ts';
import { ApiError, request } from './client.ts';
import { subscribeEvents } from './events.ts';

export type { DebugReport } from '../../handlers/debugreports/schemas.ts';

export const listDebugReports = () => request<DebugReport[]>('GET', '/debugreports');
export const getDebugReport = (name: string) => request<DebugReport>('GET', `/debugreports/${encodeURIComponent(name)}`);
export const createDebugReport = (name?: string) => request<Task>('POST', '/debugreports', name === undefined ? {} : { name });
export const renameDebugReport = (name: string, to: string) => request<DebugReport>('PUT', `/debugreports/${encodeURIComponent(name)}`, { name: to });
export const deleteDebugReport = (name: string) => request<void>('DELETE', `/debugreports/${encodeURIComponent(name)}`);

/** The report a task makes, from its target_uri (/plugins/kimchi/debugreports/<name>). */
export const reportNameOf = (task: Task) => decodeURIComponent(task.target_uri.split('/').at(-1) ?? '');

/**
 * Wait until the task ends. /api/tasks is closed in global error mode, so this listens for the task's `task`
 * events (open there) and also polls the report itself, which exists once the task has finished.
 */
export function waitForReport(task: Task, pollMs = 1000, timeoutMs = 20 * 60_000): Promise<DebugReport> {
  const name = reportNameOf(task);
  return new Promise<DebugReport>((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void) => { if (!done) { done = true; clearInterval(poll); clearTimeout(limit); unsubscribe(); fn(); } };
    const check = () => getDebugReport(name).then((r) => finish(() => resolve(r)), () => { /* not there yet */ });
    const unsubscribe = subscribeEvents({
      task: (t) => {
        if (t.id !== task.id) return;
        if (t.status === 'failed') finish(() => reject(new ApiError(500, 'KCHDR0003E', t.message)));
        else if (t.status === 'finished') void check();
      },
      open: () => void check(),
    });
    const poll = setInterval(() => void check(), pollMs);
    const limit = setTimeout(() => finish(() => reject(new Error(`debug report ${name} did not finish`))), timeoutMs);
  });
}

/** Make the browser download `report` (a same-origin link with `download`; the server also says attachment). */
export function downloadReport(report: DebugReport): void {
  const a = document.createElement('a');
  a.href = report.uri;
  a.download = `${report.name}.tar.gz`;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}

/** The banner's "Generate debug report": create it, wait for it, download it; resolves with the report. */
export async function generateDebugReport(): Promise<DebugReport> {
  const report = await waitForReport(await createDebugReport());
  downloadReport(report);
  return report;
}
