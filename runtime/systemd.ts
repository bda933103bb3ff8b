// sd_notify for Type=notify units: READY, STATUS, STOPPING and watchdog pings, sent by systemd's own systemd-notify.
// Node cannot send unix datagrams, and a native addon for four messages is not worth its build; systemd ships
// systemd-notify wherever it runs (the unit says NotifyAccess=all, since the sender is our child), and it waits for
// the manager to take each message (its barrier), so a short-lived sender is never mistaken for a stranger.
import { execFile } from 'node:child_process';

export interface Notifier {
  /** Whether systemd is listening (NOTIFY_SOCKET is set). */
  readonly active: boolean;
  notify(fields: Record<string, string>): Promise<void>;
  /** Pings the watchdog every half WatchdogSec while `alive()` says so; a stuck process stops pinging and is restarted. */
  startWatchdog(alive: () => Promise<string | undefined>): () => void;
}

export function systemdNotifier(env: NodeJS.ProcessEnv = process.env, command = 'systemd-notify'): Notifier {
  const socket = env.NOTIFY_SOCKET;
  const notify = (fields: Record<string, string>) => new Promise<void>((resolve) => {
    if (!socket) return resolve();
    const args = Object.entries(fields).map(([k, v]) => `${k}=${v.replace(/\n/g, ' ')}`);
    execFile(command, args, { env: { ...env, NOTIFY_SOCKET: socket }, timeout: 10_000 }, () => resolve());
  });
  return {
    active: !!socket,
    notify,
    startWatchdog(alive) {
      const usec = Number(env.WATCHDOG_USEC);
      // WATCHDOG_PID names the process systemd watches; when it is not us (a wrapper), the pings are not ours to send.
      const forUs = !env.WATCHDOG_PID || Number(env.WATCHDOG_PID) === process.pid;
      if (!socket || !forUs || !Number.isFinite(usec) || usec <= 0) return () => undefined;
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return; // the last check has not answered: say nothing, the watchdog decides
        busy = true;
        alive().then((status) => status !== undefined ? notify({ WATCHDOG: '1', STATUS: status }) : undefined)
          .catch(() => undefined).finally(() => { busy = false; });
      }, Math.max(100, Math.floor(usec / 2000)));
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
