// Shared by the cloud-init suites: the QEMU kit (tests/helpers/qemu-kit.ts) with small "cloud images" in its pool
// (qcow2 and raw made by qemu-img) and a fresh SSH key; the seed ISO is read back by xorriso (readIso).
import { execFile as execFileCb } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { qemuKit, readIso, type QemuKit } from '../helpers/qemu-kit.ts';

export const execFile = promisify(execFileCb);
export const PREFIX = 'kimchi-test-cloudinit-';
export const MiB = 1024 ** 2;

export interface CloudKit extends QemuKit {
  /** A 64 MiB qcow2 and a 32 MiB raw image in the pool. */
  qcow2: string;
  raw: string;
  /** An ed25519 public key line. */
  sshKey: string;
}

export async function cloudKit(): Promise<CloudKit> {
  const kit = await qemuKit(PREFIX, 'kimchi-cloudinit-');
  const qcow2 = join(kit.poolDir, 'debian-12-genericcloud.qcow2');
  const raw = join(kit.poolDir, 'alpine-cloud.raw');
  await execFile('qemu-img', ['create', '-q', '-f', 'qcow2', qcow2, '64M']);
  await execFile('qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x5a 0 1M', qcow2]);
  await execFile('qemu-img', ['create', '-q', '-f', 'raw', raw, '32M']);
  await kit.conn.storagePoolRefresh(kit.pool);
  await execFile('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'alice@laptop', '-f', join(kit.dir, 'id')]);
  const sshKey = readFileSync(join(kit.dir, 'id.pub'), 'utf8').trim();
  return { ...kit, qcow2, raw, sshKey };
}

export { readIso };

/** The pool's volume names, sorted. */
export function poolVolumes(k: CloudKit): Promise<string[]> {
  return k.volumes();
}
