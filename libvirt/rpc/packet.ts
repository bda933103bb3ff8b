// RPC packet layout (virnetprotocol.x): 4-byte length counting itself, 24-byte header, XDR body.
import { ProtocolError } from '../errors.ts';

export const REMOTE_PROGRAM = 0x20008086;
export const REMOTE_VERSION = 1;
export const KEEPALIVE_PROGRAM = 0x6b656570;
export const KEEPALIVE_VERSION = 1;
export const KEEPALIVE_PING = 1;
export const KEEPALIVE_PONG = 2;

export enum MessageType { CALL = 0, REPLY = 1, MESSAGE = 2, STREAM = 3, CALL_WITH_FDS = 4, REPLY_WITH_FDS = 5 }
export enum Status { OK = 0, ERROR = 1, CONTINUE = 2 }

export const LEN_SIZE = 4;
export const HEADER_SIZE = 24;
/** VIR_NET_MESSAGE_MAX: the largest packet libvirt builds (the length word is not counted). */
export const MESSAGE_MAX = 16777216;
/** Largest stream payload we put in one packet (libvirt's legacy payload max). */
export const STREAM_CHUNK = 262144 - HEADER_SIZE - LEN_SIZE;

export interface Header {
  program: number;
  version: number;
  procedure: number;
  type: MessageType;
  serial: number;
  status: Status;
}

export interface Packet {
  header: Header;
  body: Buffer;
}

export function encodePacket(h: Header, body: Uint8Array = Buffer.alloc(0)): Buffer {
  const out = Buffer.allocUnsafe(LEN_SIZE + HEADER_SIZE + body.length);
  out.set(body, LEN_SIZE + HEADER_SIZE);
  return fillHeader(h, out);
}

/** Write the length word and header into the first 28 bytes of `packet` (its body already follows them). */
export function fillHeader(h: Header, packet: Buffer): Buffer {
  const total = packet.length;
  if (total < LEN_SIZE + HEADER_SIZE) throw new RangeError(`a packet needs ${LEN_SIZE + HEADER_SIZE} bytes for its header`);
  if (total > MESSAGE_MAX + LEN_SIZE) throw new RangeError(`packet of ${total} bytes exceeds libvirt's limit`);
  packet.writeUInt32BE(total, 0);
  packet.writeUInt32BE(h.program >>> 0, 4);
  packet.writeUInt32BE(h.version >>> 0, 8);
  packet.writeInt32BE(h.procedure, 12);
  packet.writeInt32BE(h.type, 16);
  packet.writeUInt32BE(h.serial >>> 0, 20);
  packet.writeInt32BE(h.status, 24);
  return packet;
}

/** Decode a complete packet (length word included). */
export function decodePacket(buf: Buffer): Packet {
  if (buf.length < LEN_SIZE + HEADER_SIZE) throw new ProtocolError(`packet of ${buf.length} bytes is shorter than a header`);
  const len = buf.readUInt32BE(0);
  if (len !== buf.length) throw new ProtocolError(`packet length word ${len} does not match ${buf.length} bytes`);
  const header: Header = {
    program: buf.readUInt32BE(4),
    version: buf.readUInt32BE(8),
    procedure: buf.readInt32BE(12),
    type: buf.readInt32BE(16),
    serial: buf.readUInt32BE(20),
    status: buf.readInt32BE(24),
  };
  if (header.type < 0 || header.type > 5) throw new ProtocolError(`unknown message type ${header.type}`);
  if (header.status < 0 || header.status > 2) throw new ProtocolError(`unknown message status ${header.status}`);
  return { header, body: buf.subarray(LEN_SIZE + HEADER_SIZE) };
}
