// Shared by the unattended-install suites: the QEMU kit (tests/helpers/qemu-kit.ts) with tiny generated ISOs in its pool
// whose volume labels osinfo-db maps to Debian 11 (preseed, initrd), Windows 10 (autounattend, CD-ROM) and a Fedora live
// image (no script), and readers for what the guest is given.
import { execFile as execFileCb } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { makeIso } from '../helpers/iso.ts';
import { qemuKit, readIso, type QemuKit } from '../helpers/qemu-kit.ts';

export const execFile = promisify(execFileCb);
export const PREFIX = 'kimchi-test-unattended-';

/**
 * A "kernel" QEMU loads as a bzImage (boot protocol 2.02 header) whose setup code is `jmp $`: the install run starts
 * and stays running without any real OS.
 */
export function spinningKernel(): Buffer {
  const b = Buffer.alloc(4096);
  b[0x1f1] = 1; // setup sectors
  b.writeUInt16LE(0xaa55, 0x1fe);
  b[0x200] = 0xeb; b[0x201] = 0xfe; // jmp $
  b.write('HdrS', 0x202, 'latin1');
  b.writeUInt16LE(0x0202, 0x206);
  b[0x211] = 0x01; // loaded high
  return b;
}
export const ORIGINAL_INITRD = gzipSync(Buffer.from('the installer initrd of the test ISO\n'));

export interface UaKit extends QemuKit {
  isos: { debian: string; windows: string; fedoraLive: string };
}

export async function uaKit(): Promise<UaKit> {
  const kit = await qemuKit(PREFIX, 'kimchi-unattended-test-');
  const specs = {
    debian: { volumeId: 'Debian 11.5.0 amd64 n', files: { 'install.amd/vmlinuz': spinningKernel(), 'install.amd/initrd.gz': ORIGINAL_INITRD } },
    windows: { volumeId: 'CCCOMA_X64FRE_EN-US_DV9', publisherId: 'MICROSOFT CORPORATION', files: { 'sources/README.TXT': 'not Windows\n' } },
    fedoraLive: { volumeId: 'Fedora-WS-Live-36-1-5', files: { 'isolinux/README.TXT': 'not Fedora\n' } },
  };
  const isos = {} as UaKit['isos'];
  for (const [key, spec] of Object.entries(specs)) {
    const iso = await makeIso(spec);
    const path = join(kit.poolDir, `${key}.iso`);
    copyFileSync(iso.path, path);
    await iso.cleanup();
    isos[key as keyof UaKit['isos']] = path;
  }
  await kit.conn.storagePoolRefresh(kit.pool);
  return { ...kit, isos };
}

/** The files of a newc cpio archive (what the kernel unpacks), read by cpio itself into a temp dir. */
export async function cpioFiles(archive: Buffer, dir: string): Promise<Record<string, string>> {
  const out = mkdtempSync(join(dir, 'cpio-'));
  const file = join(out, 'archive.cpio');
  writeFileSync(file, archive);
  const into = join(out, 'x');
  mkdirSync(into);
  const { stdout } = await execFile('cpio', ['-t', '--quiet', '-F', file], { encoding: 'utf8' });
  await execFile('cpio', ['-i', '--quiet', '-F', file, '-D', into]);
  const names = stdout.split('\n').filter(Boolean);
  return Object.fromEntries(names.map((n) => [n, readFileSync(join(into, n), 'utf8')]));
}

export { readIso };
