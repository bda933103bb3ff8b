// Joins one WebSocket to one byte stream (a VNC TCP socket or a libvirt console stream), back-pressure both ways.
import type { Duplex } from 'node:stream';
import type { WebSocket, RawData } from 'ws';

/** Pause the stream while this much is queued for the browser; resume below the low mark. */
const HIGH = 1 << 20;
const LOW = 1 << 18;

const toBuffer = (d: RawData): Buffer => (Buffer.isBuffer(d) ? d : Array.isArray(d) ? Buffer.concat(d) : Buffer.from(d));

export interface BridgeEnd { code: number; reason: string }

/**
 * Bytes from the stream go out as binary messages; every message (binary or text) goes into the stream as bytes.
 * A stream that cannot take more pauses the WebSocket's socket until it drains; a browser that reads slowly
 * (bufferedAmount past HIGH) pauses the stream. Either side ending closes the other; `done` runs once.
 */
export function bridge(ws: WebSocket, stream: Duplex, done: (end: BridgeEnd) => void): { close(code: number, reason: string): void } {
  let finished = false;
  const finish = (code: number, reason: string) => {
    if (finished) return;
    finished = true;
    stream.off('data', onStreamData);
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason.slice(0, 120));
    // A graceful end first (TCP FIN, libvirt's stream finish); cut it if the other side does not answer.
    if (!stream.destroyed) {
      stream.end();
      setTimeout(() => stream.destroy(), 2000).unref();
    }
    done({ code, reason });
  };

  const onSent = () => {
    if (stream.isPaused() && ws.bufferedAmount < LOW && !finished) stream.resume();
  };
  const onStreamData = (chunk: Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(chunk, { binary: true }, onSent);
    if (ws.bufferedAmount > HIGH) stream.pause();
  };
  stream.on('data', onStreamData);
  stream.once('end', () => finish(1000, 'console ended'));
  stream.once('close', () => finish(1000, 'console closed'));
  stream.on('error', (e: Error) => finish(1011, e.message || 'console error'));

  ws.on('message', (data) => {
    if (finished) return;
    if (!stream.write(toBuffer(data))) {
      ws.pause();
      stream.once('drain', () => ws.resume());
    }
  });
  ws.once('close', () => finish(1000, 'browser closed'));
  ws.on('error', () => finish(1011, 'websocket error'));

  return { close: (code, reason) => finish(code, reason) };
}
