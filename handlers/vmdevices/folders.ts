// The shared-folders service: a VM's virtiofs folders, added to or removed from a shut-off VM (with the shared memory
// backing virtiofs needs set up at the same time).
import { stat } from 'node:fs/promises';
import { DomainXMLFlags } from '../../libvirt/index.ts';
import { addSharedFolder, parseSharedFolders, parseXml, removeSharedFolder, serializeXml } from '../../libvirt/xml/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { LOCAL_HOST } from '../common/hosts.ts';
import type { Locale } from '../i18n/index.ts';
import { change, pendingNote, readDevices, readForChange, type VmDevices } from './domain.ts';
import type { Folder, FolderCreate } from './schemas.ts';

function foldersOf(xml: string, locale: Locale): Folder[] {
  const live = parseSharedFolders(parseXml(xml).root);
  return live.map((f) => ({ ...f, readonly: !!f.readonly, pending: false, note: pendingNote(locale, false) }));
}

export async function listFolders(deps: Deps, locale: Locale, name: string): Promise<Folder[]> {
  const vm = await readDevices(deps, name);
  const conn = deps.libvirt.connection;
  const saved = vm.persistent ? await conn.domainGetXMLDesc(vm.dom, DomainXMLFlags.INACTIVE) : await conn.domainGetXMLDesc(vm.dom, 0);
  return foldersOf(saved, locale);
}

/** A shut-off, persistent VM (QEMU cannot add a vhost-user device or change memory backing under a running guest). */
async function shutOff(deps: Deps, name: string): Promise<VmDevices> {
  const vm = await readForChange(deps, name);
  if (vm.running || !vm.persistent) throw new KimchiError(409, 'KCHVMFS0001E', { name });
  return vm;
}

async function redefine(deps: Deps, vm: VmDevices, edit: (root: ReturnType<typeof parseXml>['root']) => void): Promise<void> {
  const conn = deps.libvirt.connection;
  await change('KCHVMFS0004E', { name: vm.dom.name }, async () => {
    const doc = parseXml(await conn.domainGetXMLDesc(vm.dom, DomainXMLFlags.INACTIVE));
    edit(doc.root);
    await conn.domainDefineXML(serializeXml(doc));
  });
}

export async function addFolder(deps: Deps, locale: Locale, name: string, body: FolderCreate): Promise<Folder[]> {
  const vm = await shutOff(deps, name);
  // libvirt 9.0 refuses <readonly/> on a virtiofs filesystem (define fails: "virtiofs does not yet support read-only
  // mode", which we would pass on as a failed change), and QEMU's virtiofsd here has no read-only option: say why first.
  if (body.readonly) throw new KimchiError(400, 'KCHVMFS0006E', { source: body.source });
  const xml = await deps.libvirt.connection.domainGetXMLDesc(vm.dom, DomainXMLFlags.INACTIVE);
  if (parseSharedFolders(parseXml(xml).root).some((f) => f.tag === body.tag)) throw new KimchiError(409, 'KCHVMFS0002E', { tag: body.tag, name });
  // The directory is checked where we can see it: on this machine (a registered host's disks are its own business).
  if ((deps.host ?? LOCAL_HOST) === LOCAL_HOST) {
    const st = await stat(body.source).catch(() => undefined);
    if (!st?.isDirectory()) throw new KimchiError(400, 'KCHVMFS0003E', { source: body.source });
  }
  await redefine(deps, vm, (root) => addSharedFolder(root, { source: body.source, tag: body.tag, readonly: body.readonly }));
  return listFolders(deps, locale, name);
}

export async function removeFolder(deps: Deps, name: string, tag: string): Promise<void> {
  const vm = await shutOff(deps, name);
  const xml = await deps.libvirt.connection.domainGetXMLDesc(vm.dom, DomainXMLFlags.INACTIVE);
  if (!parseSharedFolders(parseXml(xml).root).some((f) => f.tag === tag)) throw new KimchiError(404, 'KCHVMFS0005E', { tag, name });
  await redefine(deps, vm, (root) => removeSharedFolder(root, tag));
}
