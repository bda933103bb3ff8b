// The single choke point every procedure call passes: encode, send, decode, log procedure and timing.
import { LibvirtError } from '../errors.ts';
import { encodeAfter, decode } from '../xdr/index.ts';
import { HEADER_SIZE, LEN_SIZE, type RpcClient } from '../rpc/index.ts';
import type { Procedure } from './types.ts';

/** Minimal logger shape (pino-compatible); only `debug` is required. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  warn?(obj: object, msg?: string): void;
}

export async function call<A, R>(rpc: RpcClient, p: Procedure<A, R>, args: A, logger?: Logger): Promise<R> {
  const started = logger ? performance.now() : 0;
  let ok = false;
  try {
    const body = await rpc.callPacket(p.number, encodeAfter(LEN_SIZE + HEADER_SIZE, p.args, args), p.quick);
    const result = decode(p.ret, body);
    ok = true;
    return result;
  } catch (e) {
    if (e instanceof LibvirtError && !e.procedure) {
      e.procedure = p.name;
      // The error was built in the socket reader; point its stack at the caller instead.
      Error.captureStackTrace(e, call);
    }
    throw e;
  } finally {
    if (logger) {
      const ms = Math.round((performance.now() - started) * 1000) / 1000;
      logger.debug({ procedure: p.name, number: p.number, ms, ok }, 'libvirt call');
    }
  }
}
