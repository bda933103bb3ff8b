// What the New guest dialog offers: ISOs in pools, active pools and networks, usable templates, unused disk images,
// and the names already taken — each loaded once when the dialog opens (disk images only when asked for).
import { createResource, createSignal } from 'solid-js';
import { isTemplateValid, listTemplates, listVms } from '../../api/index.ts';
import { listIsos } from '../../api/isos.ts';
import { listNetworks } from '../../api/networks.ts';
import { listPools, listVolumes, type StorageVolume } from '../../api/storage.ts';

export interface DiskImage { pool: string; volume: StorageVolume }

/** Volumes no guest uses that are not ISOs: what "Existing disk" can import. */
async function unusedImages(pools: string[]): Promise<DiskImage[]> {
  const lists = await Promise.all(pools.map(async (pool) => (await listVolumes(pool).catch(() => [])).map((volume) => ({ pool, volume }))));
  return lists.flat().filter(({ volume: v }) => v.format !== 'iso' && !/\.iso$/i.test(v.name) && v.used_by.length === 0 && v.path !== '');
}

export function createGuestData() {
  const [isos, isoActions] = createResource(listIsos);
  const [pools] = createResource(async () => (await listPools()).filter((p) => p.state === 'active'));
  const [networks] = createResource(async () => (await listNetworks()).filter((n) => n.state === 'active'));
  const [templateList] = createResource(listTemplates);
  const [vmNames] = createResource(async () => new Set((await listVms()).vms.map((vm) => vm.name)));
  const [wantImages, setWantImages] = createSignal(false);
  const [images, imageActions] = createResource(() => (wantImages() && pools() ? pools()!.map((p) => p.name) : false), unusedImages);
  return {
    isos, refetchIsos: () => void isoActions.refetch(), pools, networks, images,
    templates: () => (templateList() ?? []).filter(isTemplateValid),
    templatesLoading: () => templateList.loading,
    loadImages: () => setWantImages(true),
    refetchImages: async () => { await imageActions.refetch(); },
    /** Guest names in use (empty until loaded: the server still refuses a taken name). */
    takenVms: () => vmNames() ?? new Set<string>(),
    takenTemplates: () => new Set((templateList() ?? []).map((x) => x.name)),
  };
}

export type GuestData = ReturnType<typeof createGuestData>;
