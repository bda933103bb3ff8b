// Public entry of the package (`import … from 'kimchi-ts'`): openKimchi for hosts that embed us, startServer for a
// server of our own, the PAM login, and the types a host's auth hook and logger use.
export { openKimchi, type Kimchi, type KimchiOptions } from './kimchi.ts';
export { startServer, type RunningServer, type ServerConfig } from './server.ts';
export { pamProvider, DEFAULT_ADMIN_GROUPS, type AuthOptions } from './auth/provider.ts';
export type { AuthProvider, AuthUser, HostIdentity, IdentifyUser } from '../handlers/auth/types.ts';
export { VERSION } from './version.ts';
