// The pt-BR catalog: every area's translations merged (each area's type requires all of its en-US keys).
import type { MessageKey } from './en-US.ts';
import * as common from './common.ts';
import * as config from './config.ts';
import * as tasks from './tasks.ts';
import * as templates from './templates.ts';
import * as vms from './vms.ts';
import * as vmcreate from './vmcreate.ts';
import * as storage from './storage.ts';
import * as networks from './networks.ts';
import * as host from './host.ts';
import * as vmdevices from './vmdevices.ts';
import * as snapshots from './snapshots.ts';
import * as consoles from './consoles.ts';
import * as auth from './auth.ts';
import * as cdrom from './cdrom.ts';
import * as kimchi from './kimchi.ts';
import * as migrate from './migrate.ts';
import * as hosts from './hosts.ts';
import * as machine from './machine.ts';
import * as cloudinit from './cloudinit.ts';
import * as unattended from './unattended.ts';

export const ptBR: Record<MessageKey, string> = { ...common.pt, ...config.pt, ...tasks.pt, ...templates.pt, ...vms.pt, ...vmcreate.pt, ...storage.pt, ...networks.pt, ...host.pt, ...vmdevices.pt, ...snapshots.pt, ...consoles.pt, ...auth.pt, ...cdrom.pt, ...kimchi.pt, ...migrate.pt, ...hosts.pt, ...machine.pt, ...cloudinit.pt, ...unattended.pt };
