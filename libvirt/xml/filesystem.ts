// Shared host folders (`<filesystem>` with the virtiofs driver) and the shared memory backing virtiofs needs.
import { attr, child, children, el, ensure, removeChildren } from './tree.ts';
import type { XElement } from './node.ts';

/** A host directory the guest mounts by `tag` (`mount -t virtiofs <tag> /mnt`). */
export interface SharedFolder { source: string; tag: string; readonly?: boolean }

export function parseSharedFolders(domain: XElement): SharedFolder[] {
  return children(child(domain, 'devices'), 'filesystem').flatMap((f) => {
    const source = attr(child(f, 'source'), 'dir');
    const tag = attr(child(f, 'target'), 'dir');
    if (attr(child(f, 'driver'), 'type') !== 'virtiofs' || !source || !tag) return [];
    return [{ source, tag, ...(child(f, 'readonly') ? { readonly: true } : {}) }];
  });
}

/** Add the folder, and memfd shared memory when the guest has no memory backing yet (virtiofsd maps guest RAM). */
export function addSharedFolder(domain: XElement, folder: SharedFolder): void {
  if (!child(domain, 'memoryBacking')) {
    ensure(domain, 'memoryBacking', ['currentMemory', 'memory', 'maxMemory']).children.push(el('source', { type: 'memfd' }), el('access', { mode: 'shared' }));
  }
  ensure(domain, 'devices').children.push(el('filesystem', { type: 'mount', accessmode: 'passthrough' }, [
    el('driver', { type: 'virtiofs' }),
    el('source', { dir: folder.source }),
    el('target', { dir: folder.tag }),
    ...(folder.readonly ? [el('readonly')] : []),
  ]));
}

export function removeSharedFolder(domain: XElement, tag: string): void {
  const devices = child(domain, 'devices');
  if (devices) removeChildren(devices, (c) => c.name === 'filesystem' && attr(child(c, 'target'), 'dir') === tag);
}
