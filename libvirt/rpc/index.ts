// The RPC layer: packets, framing, the call/stream/event client and keepalive.
export * from './packet.ts';
export { Framer } from './framer.ts';
export { RpcClient, type RpcOptions, type StreamSink } from './client.ts';
export { Keepalive, type KeepaliveOptions } from './keepalive.ts';
export { decodeRemoteError } from './error-body.ts';
