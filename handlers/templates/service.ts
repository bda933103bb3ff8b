// Template orchestration: create (with OS detection), read with validity, update, clone, delete.
import { deleteTemplate, getTemplate, insertTemplate, listTemplates, updateTemplate, type Db } from '../../db/index.ts';
import { ErrorCode, LibvirtError, type Connection } from '../../libvirt/index.ts';
import { checkCdromPath } from '../common/cdrom-path.ts';
import { KimchiError } from '../common/errors.ts';
import type { Locale } from '../i18n/index.ts';
import { buildSpec, checkReferences } from './build.ts';
import type { Template, TemplateInput, TemplateSpec } from './schemas.ts';
import { invalidOf, invalidReason } from './validity.ts';

export function findSpec(db: Db, name: string): TemplateSpec {
  const spec = getTemplate<TemplateSpec>(db, name);
  if (!spec) throw new KimchiError(404, 'KCHTMPL0002E', { name });
  return spec;
}

async function view(conn: Connection, spec: TemplateSpec, locale: Locale): Promise<Template> {
  const invalid = await invalidOf(conn, spec);
  const reason = invalidReason(invalid, locale);
  return { ...spec, invalid, ...(reason ? { invalid_reason: reason } : {}) };
}

async function checkBases(conn: Connection, spec: TemplateSpec): Promise<void> {
  await Promise.all(spec.disks.filter((d) => d.base).map((d) => conn.storageVolLookupByPath(d.base!).catch((e) => {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_STORAGE_VOL) throw new KimchiError(400, 'KCHTMPL0009E', { path: d.base!, index: d.index });
    throw e;
  })));
}

export async function listTemplateViews(db: Db, conn: Connection, locale: Locale): Promise<Template[]> {
  return Promise.all(listTemplates<TemplateSpec>(db).map(({ spec }) => view(conn, spec, locale)));
}

export async function templateView(db: Db, conn: Connection, locale: Locale, name: string): Promise<Template> {
  return view(conn, findSpec(db, name), locale);
}

export async function createTemplate(db: Db, conn: Connection, locale: Locale, input: TemplateInput): Promise<Template> {
  if (getTemplate(db, input.name)) throw new KimchiError(409, 'KCHTMPL0001E', { name: input.name });
  if (input.cdrom) await checkCdromPath(conn, input.cdrom); // the same rule as a VM's CD-ROM: its VMs get this file
  const spec = await buildSpec(input);
  await checkReferences(conn, spec);
  await checkBases(conn, spec);
  if (!insertTemplate(db, spec.name, spec)) throw new KimchiError(409, 'KCHTMPL0001E', { name: spec.name });
  return view(conn, spec, locale);
}

export async function changeTemplate(db: Db, conn: Connection, locale: Locale, name: string, update: Partial<TemplateInput>): Promise<Template> {
  const previous = findSpec(db, name);
  const merged = { ...previous, ...update } as TemplateInput;
  if (merged.name !== name && getTemplate(db, merged.name)) throw new KimchiError(409, 'KCHTMPL0001E', { name: merged.name });
  if (merged.cdrom && merged.cdrom !== previous.cdrom) await checkCdromPath(conn, merged.cdrom);
  const spec = await buildSpec(merged, previous);
  await checkReferences(conn, spec);
  await checkBases(conn, spec);
  if (!updateTemplate(db, name, spec)) throw new KimchiError(404, 'KCHTMPL0002E', { name });
  return view(conn, spec, locale);
}

/** Kimchi's clone: the same spec under `<name>-cloneN`, the first N free. */
export async function cloneTemplate(db: Db, conn: Connection, locale: Locale, name: string): Promise<Template> {
  const spec = findSpec(db, name);
  for (let n = 1; n < 10_000; n++) {
    const clone = { ...spec, name: `${name}-clone${n}` };
    if (clone.name.length > 100) break;
    if (insertTemplate(db, clone.name, clone)) return view(conn, clone, locale);
  }
  throw new KimchiError(409, 'KCHTMPL0001E', { name: `${name}-clone` });
}

/** Removes the template only: VMs made from it keep working (an overlay's base image stays where it is). */
export function removeTemplate(db: Db, name: string): void {
  if (!deleteTemplate(db, name)) throw new KimchiError(404, 'KCHTMPL0002E', { name });
}
