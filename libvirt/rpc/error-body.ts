// Decodes the remote_error body of an error reply or stream packet into a LibvirtError.
import { LibvirtError } from '../errors.ts';
import { XdrReader, XdrError } from '../xdr/reader.ts';

function optString(r: XdrReader): string | null {
  return r.int() ? r.string() : null;
}

function skipOptDomainOrNetwork(r: XdrReader, withId: boolean): void {
  if (!r.int()) return;
  r.string();
  r.fixedOpaque(16);
  if (withId) r.int();
}

export function decodeRemoteError(body: Buffer): LibvirtError {
  try {
    const r = new XdrReader(body);
    const code = r.int();
    const domain = r.int();
    const message = optString(r);
    const level = r.int();
    skipOptDomainOrNetwork(r, true);
    const str1 = optString(r);
    const str2 = optString(r);
    const str3 = optString(r);
    const int1 = r.int();
    const int2 = r.int();
    skipOptDomainOrNetwork(r, false);
    return new LibvirtError({ code, domain, message: message ?? `libvirt error ${code}`, level, str1, str2, str3, int1, int2 });
  } catch (e) {
    if (!(e instanceof XdrError)) throw e;
    return new LibvirtError({ code: 39, domain: 7, level: 2, message: `unreadable error reply from libvirtd: ${e.message}` });
  }
}
