// PUT /vms/:name's console password (with its expiry) and boot menu: edits of the raw XML the domain model does not hold.
import { randomBytes } from 'node:crypto';
import { child, children, el, ensure, removeChildren, setAttr } from '../../libvirt/xml/tree.ts';
import type { XElement } from '../../libvirt/xml/node.ts';
import type { VmUpdate } from './schemas.ts';

/** Kimchi's default lifetime of a console password, in seconds. */
export const PASSWD_LIFETIME = 30;

/** libvirt's passwdValidTo: a UTC timestamp without zone, to the second. */
const validTo = (seconds: number, now = Date.now()) => new Date(now + seconds * 1000).toISOString().slice(0, 19);

export function consoleAccess(root: XElement, u: Pick<VmUpdate, 'bootmenu' | 'graphics'>): void {
  if (u.bootmenu !== undefined) {
    const os = ensure(root, 'os');
    removeChildren(os, (c) => c.name === 'bootmenu');
    os.children.push(el('bootmenu', { enable: u.bootmenu ? 'yes' : 'no' }));
  }
  if (u.graphics) {
    const passwd = u.graphics.passwd ?? randomBytes(12).toString('base64url');
    const until = validTo(u.graphics.passwdValidTo ?? PASSWD_LIFETIME);
    for (const g of children(child(root, 'devices'), 'graphics')) {
      setAttr(g, 'passwd', passwd);
      setAttr(g, 'passwdValidTo', until);
    }
  }
}
