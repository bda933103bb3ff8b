// SSH transport: spawn `ssh [-p port] [user@]host virt-ssh-helper <uri>` and speak RPC over its stdio.
import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';
import type { Dialer } from './dialer.ts';
import type { ParsedUri } from './uri.ts';

/** Quote one word for the remote shell (ssh joins its command words with spaces and hands them to `sh -c`). */
function shellWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** An ssh_config value, quoted when it holds blanks. */
const sshOption = (name: string, value: string) => ['-o', /[\s"]/.test(value) ? `${name}="${value.replace(/"/g, '')}"` : `${name}=${value}`];

/** The argv we give ssh (exported for tests). */
export function sshArgs(uri: ParsedUri): string[] {
  if (!uri.host) throw new TypeError('an ssh libvirt URI needs a host');
  const args: string[] = [];
  if (uri.port) args.push('-p', String(uri.port));
  if (uri.params.keyfile) args.push('-i', uri.params.keyfile);
  if (uri.params.no_tty === '1') args.push('-T');
  args.push('-o', 'BatchMode=yes');
  if (uri.params.known_hosts) args.push(...sshOption('UserKnownHostsFile', uri.params.known_hosts));
  // As libvirt: no_verify=1 accepts (and records) an unknown host key.
  if (uri.params.no_verify === '1') args.push('-o', 'StrictHostKeyChecking=no');
  args.push('-e', 'none', '--', uri.user ? `${uri.user}@${uri.host}` : uri.host);
  // `command` is a shell command line by definition; the URI is one word on the far side, whatever it holds.
  args.push(uri.params.command ?? 'virt-ssh-helper', shellWord(uri.remoteName));
  return args;
}

export const dialSsh: Dialer = (uri, opts) => new Promise((resolve, reject) => {
  const child = spawn(opts.sshCommand ?? 'ssh', sshArgs(uri), { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
  const stream = new Duplex({
    write(chunk, _enc, cb) { child.stdin.write(chunk, cb); },
    final(cb) { child.stdin.end(cb); },
    read() { child.stdout.resume(); },
    destroy(err, cb) { if (child.exitCode === null && child.signalCode === null) child.kill(); cb(err); },
  });
  child.stdout.on('data', (d: Buffer) => { if (!stream.push(d)) child.stdout.pause(); });
  // A write into a dying ssh fails with EPIPE; the exit status and ssh's stderr, reported on 'close', say why.
  child.stdin.on('error', () => { /* reported on close */ });
  child.on('error', (e) => { reject(new Error(`cannot run ssh: ${e.message}`, { cause: e })); stream.destroy(e); });
  // 'close' comes after the exit and after stdout/stderr are drained, so ssh's last words are all in `stderr`.
  child.on('close', (code, signal) => {
    if (stream.destroyed) return;
    if (code === 0) { stream.push(null); return; }
    const words = stderr.split('\n').map((l) => l.trim()).filter(Boolean).join('; ');
    stream.destroy(new Error(`ssh to ${uri.host} exited with ${code ?? signal}: ${words || '(no message)'}`));
  });
  // ssh has no "connected" signal; the RPC handshake that follows is the real test.
  child.on('spawn', () => resolve(stream));
});
