// Typed secret methods: define, set the value, look up, undefine (the value itself is never read back).
import type { Secret } from '../protocol/secret.ts';
import { Caller } from './base.ts';

export abstract class SecretMethods extends Caller {
  secretDefineXML(xml: string, flags = 0) { return this.invoke('secretDefineXML', { xml, flags }); }
  secretSetValue(secret: Secret, value: Uint8Array, flags = 0) {
    return this.invoke('secretSetValue', { secret, value: Buffer.from(value), flags });
  }
  secretLookupByUUID(uuid: string) { return this.invoke('secretLookupByUUID', { uuid }); }
  secretLookupByUsage(usageType: number, usageID: string) { return this.invoke('secretLookupByUsage', { usageType, usageID }); }
  secretGetXMLDesc(secret: Secret, flags = 0) { return this.invoke('secretGetXMLDesc', { secret, flags }); }
  secretUndefine(secret: Secret) { return this.invoke('secretUndefine', { secret }); }
}
