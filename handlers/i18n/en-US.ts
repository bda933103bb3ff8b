// The en-US catalog: every area's messages merged; its keys are the message codes the API can answer.
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

export const enUS = { ...common.en, ...config.en, ...tasks.en, ...templates.en, ...vms.en, ...vmcreate.en, ...storage.en, ...networks.en, ...host.en, ...vmdevices.en, ...snapshots.en, ...consoles.en, ...auth.en, ...cdrom.en, ...kimchi.en, ...migrate.en, ...hosts.en, ...machine.en, ...cloudinit.en, ...unattended.en };

export type MessageKey = keyof typeof enUS;
