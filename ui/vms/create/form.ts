// The New guest form's state: the chosen source, the fields it pre-fills (until the user edits them), the problems
// found as they type, and the POST /api/vms body — no template needed.
import { createSignal } from 'solid-js';
import { templateUri, type Template, type VmCreate } from '../../api/index.ts';
import type { InstallMedia } from '../../api/isos.ts';
import { createTouched } from '../../common/field.tsx';
import { locale, t as tc } from '../../common/i18n/index.ts';
import { nameProblem } from '../../common/names.ts';
import { formatBytes } from '../../storage/format.ts';
import { createCloudInitForm, type CloudField } from './cloud-form.ts';
import type { GuestData } from './data.ts';
import { createUnattendedForm, type UaField } from './unattended-form.ts';
import { t } from './i18n.ts';

export type SourceKind = 'iso' | 'path' | 'image' | 'cloud' | 'upload' | 'template';
type Field = 'name' | 'memory' | 'cpus' | 'disk' | 'pool' | 'network';
/** Everything the form names a problem of. */
export type ProblemKey = Field | CloudField | UaField | 'source' | 'saveName';

const GiB = 2 ** 30;

/** "fedora37" from an OS, "debian12" from debian12.qcow2, "guest" otherwise (the server's rule, handlers/vms/create-source.ts). */
export function nameBase(raw: string): string {
  const s = raw.toLowerCase().replace(/[^a-z0-9._-]+/g, '').replace(/\.{2,}/g, '.').replace(/^[.-]+|[.-]+$/g, '').slice(0, 60);
  return s || 'guest';
}
export const osBase = (m: InstallMedia) => nameBase(m.os_distro === 'unknown' ? '' : `${m.os_distro}${m.os_version === 'unknown' ? '' : m.os_version}`);

/** `<base>-N`, the first N no guest has. */
export function uniqueName(base: string, taken: Set<string>): string {
  for (let n = 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export const osLabel = (m: InstallMedia) =>
  m.os_name ?? (m.os_distro === 'unknown' ? t('iso.unknownOs') : `${m.os_distro} ${m.os_version === 'unknown' ? '' : m.os_version}`.trim());

const num = (n: number) => new Intl.NumberFormat(locale).format(n);
const range = (min: number, max: number) => t('problem.number', { min: num(min), max: num(max) });

const whole = (text: string, min: number, max: number) => {
  const n = Number(text.trim());
  return /^\d+$/.test(text.trim()) && n >= min && n <= max ? n : undefined;
};

export function createGuestForm(data: GuestData) {
  const [kind, setKind] = createSignal<SourceKind>('iso');
  const [media, setMedia] = createSignal<InstallMedia>();
  const [image, setImage] = createSignal('');
  const [template, setTemplate] = createSignal<Template>();
  const [values, setValues] = createSignal<Record<Field, string>>({ name: '', memory: '', cpus: '', disk: '', pool: '', network: '' });
  const [dirty, setDirty] = createSignal(new Set<Field>());
  const [start, setStart] = createSignal(true);
  const [save, setSave] = createSignal(false);
  const [saveName, setSaveName] = createSignal('');
  /** A cloud image's size: its guest's disk (an overlay of it) is at least that big. */
  const [imageBytes, setImageBytes] = createSignal(0);
  const cloud = createCloudInitForm();
  const unattended = createUnattendedForm();
  /** The chosen ISO's unattended offer while "Install automatically" is on. */
  const ua = () => (kind() !== 'template' && kind() !== 'cloud' && unattended.on() ? media()?.unattended : undefined);

  const value = (f: Field) => values()[f];
  /** Fields the user left or typed in: their problems show (others wait, unless the form filled them in). */
  const seen = createTouched<ProblemKey>();
  /** The user typed: this field no longer follows the source's defaults. */
  const edit = (f: Field, v: string) => { setValues((all) => ({ ...all, [f]: v })); setDirty((d) => new Set(d).add(f)); seen.touch(f); };
  /** A source or the loaded lists suggest values: each field the user has not touched takes them. */
  const adopt = (suggested: Partial<Record<Field, string>>) => setValues((all) => {
    const next = { ...all };
    for (const [f, v] of Object.entries(suggested) as Array<[Field, string]>) if (!dirty().has(f) && v !== undefined) next[f] = v;
    return next;
  });

  const suggestName = (base: string) => uniqueName(base, data.takenVms());
  function useMedia(m: InstallMedia | undefined): void {
    setMedia(m);
    if (m) adopt({ name: suggestName(osBase(m)), memory: String(m.recommended.memory), cpus: String(m.recommended.cpus), disk: String(m.recommended.disk) });
  }
  function useImage(path: string): void {
    setImage(path);
    const file = path.split('/').pop() ?? '';
    if (path) adopt({ name: suggestName(nameBase(file.replace(/\.[^.]*$/, ''))), memory: '1024', cpus: '1' });
  }
  function useCloudImage(path: string, bytes: number): void {
    useImage(path);
    setImageBytes(bytes);
    if (path) adopt({ disk: String(Math.max(10, Math.ceil(bytes / GiB))) });
  }
  function useTemplate(x: Template | undefined): void {
    setTemplate(x);
    if (!x) return;
    const pool = x.disks[0]?.pool.name;
    adopt({ name: suggestName(`${x.name}-vm`), memory: String(x.memory.current), cpus: String(x.cpu_info.vcpus),
      disk: x.disks[0] ? String(x.disks[0].size) : '', network: x.networks[0] ?? '', ...(pool ? { pool } : {}) });
  }

  /** The source as the body sends it, or undefined while none is complete. */
  const source = (): Pick<VmCreate, 'source' | 'template'> | undefined => {
    const k = kind();
    if (k === 'template') return template() ? { template: templateUri(template()!.name) } : undefined;
    if (k === 'cloud') return image() ? { source: { type: 'cloud', path: image() } } : undefined;
    if (k === 'image' || (k === 'upload' && image())) return image() ? { source: { type: 'image', path: image() } } : undefined;
    const m = media();
    return m ? { source: { type: 'iso', path: m.path } } : undefined;
  };
  const imports = () => source()?.source?.type === 'image';
  const makesDisk = () => !imports() && (kind() !== 'template' || (template()?.disks.length ?? 0) > 0);

  const problems = (): Partial<Record<ProblemKey, string>> => {
    const p: Partial<Record<ProblemKey, string>> = {};
    if (!source()) p.source = t('problem.chooseSource');
    const nameKey = nameProblem(value('name'));
    if (nameKey) p.name = tc(nameKey);
    else if (data.takenVms().has(value('name'))) p.name = t('problem.nameTaken', { name: value('name') });
    if (whole(value('memory'), 64, 16 * 1024 * 1024) === undefined) p.memory = range(64, 16 * 1024 * 1024);
    if (whole(value('cpus'), 1, 4096) === undefined) p.cpus = range(1, 4096);
    const pool = data.pools()?.find((x) => x.name === value('pool'));
    if (!pool && (makesDisk() || kind() === 'upload')) p.pool = t('problem.pool');
    if (makesDisk()) {
      const gib = Number(value('disk').trim().replace(',', '.'));
      if (!value('disk').trim() || !Number.isFinite(gib) || gib <= 0 || gib > 65536) p.disk = t('problem.diskNumber', { max: num(65536) });
      else if (kind() === 'cloud' && gib * GiB < imageBytes()) p.disk = t('problem.belowImage', { size: formatBytes(imageBytes()) });
      else if (pool && gib * GiB > pool.available) p.disk = t('problem.space', { pool: pool.name, free: formatBytes(pool.available) });
    }
    if (save() && !imports()) {
      const key = nameProblem(saveName());
      if (key) p.saveName = tc(key);
      else if (data.takenTemplates().has(saveName())) p.saveName = t('problem.templateTaken', { name: saveName() });
    }
    if (kind() === 'cloud') Object.assign(p, cloud.problems());
    const offer = ua();
    if (offer) Object.assign(p, unattended.problems(offer));
    return p;
  };

  /** What the field holds, for the problems of fields the form filled in itself (a suggested disk too big for the pool). */
  const filled = (key: ProblemKey): boolean =>
    (key === 'saveName' ? saveName() : key in values() ? values()[key as Field] : '').trim() !== '';
  /** A field's problem as it shows under it: once the user left or typed in it, tried to create, or the form filled it. */
  const shownProblem = (key: ProblemKey): string | undefined => {
    const p = problems()[key];
    return p && (seen.touched(key) || filled(key)) ? p : undefined;
  };

  function body(): VmCreate {
    const disk = Number(value('disk').trim().replace(',', '.'));
    // From a template, pool and network override it only when the user changed them: a template may name several.
    const fromTemplate = kind() === 'template';
    const send = (f: Field) => !fromTemplate || dirty().has(f);
    return {
      ...source()!, name: value('name'), memory: Number(value('memory')), cpus: Number(value('cpus')),
      ...(makesDisk() ? { disk_size: disk } : {}),
      ...(value('pool') && send('pool') ? { storagepool: `/plugins/kimchi/storagepools/${encodeURIComponent(value('pool'))}` } : {}),
      ...(send('network') ? { networks: value('network') ? [value('network')] : [] } : {}),
      start: start(),
      ...(kind() === 'cloud' ? { cloud_init: cloud.body() } : {}),
      // An unattended install starts the installer at once.
      ...(ua() ? { unattended: unattended.body(ua()!), start: true } : {}),
      ...(save() && !imports() ? { save_template: saveName() } : {}),
    };
  }

  /** Another kind of source: what was chosen for the previous one no longer counts. */
  function changeKind(k: SourceKind): void {
    setKind(k);
    setMedia(undefined);
    setImage('');
    setTemplate(undefined);
    setImageBytes(0);
  }

  return {
    kind, changeKind, media, useMedia, image, useImage, useCloudImage, cloud, unattended, ua, template, useTemplate, value, edit, adopt, start, setStart,
    save, setSave, saveName, setSaveName, problems, body, makesDisk, imports,
    shownProblem, touch: seen.touch, touchAll: seen.touchAll,
  };
}

export type GuestForm = ReturnType<typeof createGuestForm>;
