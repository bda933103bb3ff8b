// A server process for the transfer tests: runtime/startServer as runtime/main.ts runs it, minus PAM (the API open,
// as for hosts that authenticate in front), logging JSON lines to stdout so the parent reads the "listening" url.
import pino from 'pino';
import { startServer } from '../../runtime/server.ts';

const [libvirtUri, dataDir] = process.argv.slice(2);
const log = pino({ level: 'info' });
const server = await startServer({ host: '127.0.0.1', port: 0, libvirtUri, dataDir, logger: log });
process.on('SIGTERM', () => { void server.close().then(() => process.exit(0), () => process.exit(1)); });
