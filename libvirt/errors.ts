// Typed errors of the libvirt adapter: LibvirtError (libvirt's own error reply) and DisconnectedError.

/** A few of libvirt's virErrorNumber values that callers branch on. */
export const ErrorCode = {
  INTERNAL_ERROR: 1,
  NO_SUPPORT: 3,
  OPERATION_FAILED: 9,
  INVALID_ARG: 8,
  RPC: 39,
  NO_DOMAIN: 42,
  NO_NETWORK: 43,
  AUTH_FAILED: 45,
  NO_STORAGE_POOL: 49,
  NO_STORAGE_VOL: 50,
  OPERATION_INVALID: 55,
  DOM_EXIST: 28,
  OPERATION_DENIED: 29,
  NO_SECRET: 66,
  NO_DOMAIN_SNAPSHOT: 72,
  OPERATION_ABORTED: 78,
  OPERATION_UNSUPPORTED: 84,
} as const;

/** virErrorLevel */
export const ErrorLevel = { NONE: 0, WARNING: 1, ERROR: 2 } as const;

export interface LibvirtErrorFields {
  code: number;
  domain: number;
  message: string;
  level: number;
  str1?: string | null;
  str2?: string | null;
  str3?: string | null;
  int1?: number;
  int2?: number;
}

/** An error reply from libvirtd. `code` is libvirt's numeric virErrorNumber (42 = no domain …). */
export class LibvirtError extends Error {
  override name = 'LibvirtError';
  readonly code: number;
  readonly domain: number;
  readonly level: number;
  readonly str1: string | null;
  readonly str2: string | null;
  readonly str3: string | null;
  readonly int1: number;
  readonly int2: number;
  /** The procedure whose call failed, when known (e.g. "domainLookupByName"). */
  procedure?: string;

  constructor(f: LibvirtErrorFields) {
    super(f.message || `libvirt error ${f.code}`);
    this.code = f.code;
    this.domain = f.domain;
    this.level = f.level;
    this.str1 = f.str1 ?? null;
    this.str2 = f.str2 ?? null;
    this.str3 = f.str3 ?? null;
    this.int1 = f.int1 ?? 0;
    this.int2 = f.int2 ?? 0;
  }
}

/** The connection to libvirtd is lost, closed, or not (yet) established. */
export class DisconnectedError extends Error {
  override name = 'DisconnectedError';
  constructor(message = 'not connected to libvirtd', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The peer sent bytes that do not follow libvirt's RPC protocol. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}
