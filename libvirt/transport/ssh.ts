// SSH transport: spawn `ssh [-p port] [user@]host virt-ssh-helper <uri>` and speak RPC over its stdio.
import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';
import type { Dialer } from './dialer.ts';
import type { ParsedUri } from './uri.ts';

/** The argv we give ssh (exported for tests). */
export function sshArgs(uri: ParsedUri): string[] {
  if (!uri.host) throw new TypeError('an ssh libvirt URI needs a host');
  const args: string[] = [];
  if (uri.port) args.push('-p', String(uri.port));
  if (uri.params.keyfile) args.push('-i', uri.params.keyfile);
  if (uri.params.no_tty === '1') args.push('-T');
  args.push('-o', 'BatchMode=yes');
  args.push('-e', 'none', '--', uri.user ? `${uri.user}@${uri.host}` : uri.host);
  args.push(uri.params.command ?? 'virt-ssh-helper', uri.remoteName);
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
    destroy(err, cb) { child.kill(); cb(err); },
  });
  child.stdout.on('data', (d: Buffer) => { if (!stream.push(d)) child.stdout.pause(); });
  child.stdout.on('end', () => stream.push(null));
  child.stdin.on('error', (e) => stream.destroy(e));
  child.on('error', (e) => { reject(new Error(`cannot run ssh: ${e.message}`, { cause: e })); stream.destroy(e); });
  child.on('exit', (code) => {
    if (code) stream.destroy(new Error(`ssh to ${uri.host} exited with ${code}: ${stderr.trim()}`));
  });
  // ssh has no "connected" signal; the RPC handshake that follows is the real test.
  child.on('spawn', () => resolve(stream));
});
