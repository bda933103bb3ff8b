// HTTPS: the certificate and key files, and a plain-HTTP listener whose only answer is a redirect to HTTPS.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';

export interface TlsFiles { cert: string; key: string }

export function readTls(files: TlsFiles): { cert: Buffer; key: Buffer } {
  return { cert: readFileSync(files.cert), key: readFileSync(files.key) };
}

/** Every request on `httpPort` is sent to the same host and path on the HTTPS port (308 keeps the method). */
export function redirectServer(httpsPort: number): Server {
  return createServer((req, res) => {
    const hostHeader = req.headers.host ?? 'localhost';
    const host = hostHeader.replace(/:\d+$/, '');
    let location: string;
    try {
      location = new URL(req.url ?? '/', `https://${host}:${httpsPort}`).toString();
    } catch {
      res.writeHead(400).end();
      return;
    }
    res.writeHead(308, { Location: location, 'Content-Length': '0' }).end();
  });
}
