// The PAM checker process: answers {id, username, password, service, remoteHost} messages with {id, ok} on its own
// libuv thread pool (a failing pam_unix check sleeps its thread for seconds; the server's pool serves files and I/O).
import { createRequire } from 'node:module';

const { pamAuthenticatePromise } = createRequire(import.meta.url)('node-linux-pam');

process.on('message', (m) => {
  pamAuthenticatePromise({ username: m.username, password: m.password, serviceName: m.service, remoteHost: m.remoteHost })
    .then(() => process.send({ id: m.id, ok: true }), () => process.send({ id: m.id, ok: false }));
});
// The server went away (or closed the channel): nothing left to answer.
process.on('disconnect', () => process.exit(0));
