// Zod schemas of making VMs and templates from others: POST /vms, clone, template from a VM.
import { z } from '@hono/zod-openapi';
import { ResourceName } from '../common/names.ts';
import { Graphics } from '../templates/schemas.ts';

export const VmCreate = z.strictObject({
  name: ResourceName.optional().openapi({ description: 'Default: <template>-vm-N, the first N free' }),
  template: z.string().max(400).openapi({ example: '/plugins/kimchi/templates/fedora-40', description: 'The template to build from (/plugins/kimchi/templates/<name> or /api/templates/<name>)' }),
  storagepool: z.string().max(400).optional().openapi({ example: '/plugins/kimchi/storagepools/default', description: "Pool for every new disk (default: each disk's template pool)" }),
  graphics: Graphics.optional().openapi({ description: "Default: the template's; listen defaults to 127.0.0.1" }),
}).openapi('VmCreate');
export type VmCreate = z.infer<typeof VmCreate>;

export const VmTemplateCreate = z.strictObject({
  name: ResourceName.openapi({ description: 'Name of the new template' }),
}).openapi('VmTemplateCreate');
export type VmTemplateCreate = z.infer<typeof VmTemplateCreate>;
