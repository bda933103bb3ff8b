// Discovery: /storageservers/{host}/storagetargets?_target_type=netfs|iscsi through connectFindStoragePoolSources.
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { LibvirtError } from '../../libvirt/index.ts';
import { buildStoragePoolSourceSpec, parseStoragePoolSourcesXML } from '../../libvirt/xml/index.ts';
import type { AppEnv } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { errors } from '../common/responses.ts';
import { HostName, StorageTarget } from './schemas.ts';

type Target = z.infer<typeof StorageTarget>;

/** The targets in a `<sources>` reply: NFS exports (netfs) or IQNs (iscsi). */
export function targetsOf(xml: string, type: 'netfs' | 'iscsi', host: string): Target[] {
  return parseStoragePoolSourcesXML(xml).flatMap((s): Target[] => {
    const h = s.hosts[0];
    if (type === 'netfs') return s.dir ? [{ host: h?.name || host, target_type: s.format ?? 'nfs', target: s.dir }] : [];
    const iqn = s.devices[0];
    if (!iqn) return [];
    const t: Target = { host: h?.name || host, target_type: 'iscsi', target: iqn };
    if (h?.port !== undefined) t.port = h.port;
    return [t];
  });
}

const targets = createRoute({
  method: 'get', path: '/storageservers/{host}/storagetargets', tags: ['storageservers'],
  summary: 'What a storage server offers: NFS exports (netfs) or iSCSI targets (iscsi), asked through libvirt',
  request: {
    params: z.strictObject({ host: HostName.openapi({ param: { name: 'host', in: 'path' } }) }),
    query: z.strictObject({ _target_type: z.enum(['netfs', 'iscsi']).default('netfs') }),
  },
  responses: { 200: { description: 'Targets', content: { 'application/json': { schema: z.array(StorageTarget) } } }, 400: errors[400], 500: errors[500] },
});

export function serverRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(targets, async (c) => {
    const { host } = c.req.valid('param');
    const type = c.req.valid('query')._target_type;
    let xml: string;
    try {
      xml = await c.get('deps').libvirt.connection.connectFindStoragePoolSources(type, buildStoragePoolSourceSpec(host));
    } catch (e) {
      if (e instanceof LibvirtError) throw new KimchiError(500, 'KCHPOOL0010E', { type, host, detail: e.message }, { cause: e });
      throw e;
    }
    return c.json(targetsOf(xml, type, host), 200);
  });
}
