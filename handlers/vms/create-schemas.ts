// Zod schemas of making VMs and templates from others: POST /vms (from a template or straight from an install source),
// clone, template from a VM.
import { z } from '@hono/zod-openapi';
import { ResourceName } from '../common/names.ts';
import { HostPath } from '../storage/schemas.ts';
import { Graphics } from '../templates/schemas.ts';
import { CloudInit } from './cloudinit-schemas.ts';
import { machineFields } from './machine-schemas.ts';
import { Unattended } from './unattended-schemas.ts';

export const InstallSource = z.strictObject({
  type: z.enum(['iso', 'image', 'cloud']).openapi({
    description: 'iso: boot an installer from this ISO (its OS is detected from osinfo-db and sets the defaults); '
      + 'image: import this existing disk image as the guest\'s first disk, used in place; '
      + 'cloud: a cloud image (a qcow2 or raw volume of a pool): the first disk is a new qcow2 overlay of it, never written to it',
  }),
  path: HostPath.openapi({ example: '/var/lib/libvirt/images/Fedora-Workstation-Live-x86_64-37.iso' }),
}).openapi('InstallSource');
export type InstallSource = z.infer<typeof InstallSource>;

export const VmCreate = z.strictObject({
  name: ResourceName.optional().openapi({ description: 'Default: <template>-vm-N, or <os><version>-N (e.g. fedora37-1) from a source, the first N free' }),
  template: z.string().max(400).optional().openapi({ example: '/plugins/kimchi/templates/fedora-40', description: 'The template to build from (/plugins/kimchi/templates/<name> or /api/templates/<name>); give this or `source`' }),
  source: InstallSource.optional().openapi({ description: 'Not in Kimchi. Build straight from an ISO or a disk image, no template needed; give this or `template`' }),
  storagepool: z.string().max(400).optional().openapi({ example: '/plugins/kimchi/storagepools/default', description: "Pool for every new disk (default: each disk's template pool; `default` for a source)" }),
  graphics: Graphics.optional().openapi({ description: "Default: the template's (VNC for a source); listen defaults to 127.0.0.1" }),
  memory: z.int().min(64).max(16 * 1024 * 1024).optional().openapi({ description: "MiB. Default: the template's, or osinfo-db's recommendation for the source's OS" }),
  cpus: z.int().min(1).max(4096).optional().openapi({ description: "vCPUs. Default: the template's, or 1" }),
  disk_size: z.number().positive().max(64 * 1024).optional().openapi({ description: "GiB of the first new disk. Default: the template's, or osinfo-db's recommendation (not for an imported image)" }),
  networks: z.array(ResourceName).max(8).optional().openapi({ description: "Networks of the NICs; [] for none. Default: the template's, or [\"default\"]" }),
  start: z.boolean().optional().openapi({ description: 'Start the guest once made; a start that fails removes it like any other failed step. Default false' }),
  title: z.string().max(256).refine((s) => !s.includes('\n'), { message: 'one line' }).optional().openapi({ description: "The VM's title (libvirt's <title>)" }),
  description: z.string().max(4096).optional().openapi({ description: "The VM's description (libvirt's <description>)" }),
  cloud_init: CloudInit.optional().openapi({ description: 'Not in Kimchi. First-boot settings for a cloud image (or a template with a disk and no CD-ROM): a NoCloud seed ISO (label cidata) is made in the first disk\'s pool, attached as the CD-ROM and deleted with the VM' }),
  unattended: Unattended.optional().openapi({ description: 'Not in Kimchi. Install automatically from an ISO whose OS osinfo-db has an install script for (GET /isos shows `unattended`): the script is rendered as osinfo-db says, injected into the installer\'s initrd (direct kernel boot) or on a second CD-ROM, and the installer started; the guest\'s saved definition boots from its disk. 409 KCHUA0001E for an OS without a script' }),
  save_template: ResourceName.optional().openapi({ description: 'Also store these settings as a template of this name (saved with the guest, removed if anything fails)' }),
  ...machineFields,
  accelerator: z.enum(['kvm', 'tcg']).optional().openapi({ description: 'Not in Kimchi. kvm (default where the host has it) or tcg: QEMU emulates the CPU — slow, but runs what the host\'s KVM cannot (e.g. Secure Boot\'s SMM under nested virtualisation)' }),
}).refine((b) => (b.template === undefined) !== (b.source === undefined), { path: ['template'], message: 'give either template or source' })
  .openapi('VmCreate');
export type VmCreate = z.infer<typeof VmCreate>;

export const VmTemplateCreate = z.strictObject({
  name: ResourceName.openapi({ description: 'Name of the new template' }),
}).openapi('VmTemplateCreate');
export type VmTemplateCreate = z.infer<typeof VmTemplateCreate>;
