// Console WebSockets (VNC and serial) served on the Node http server, behind one-time tokens.
export { attachConsoles, type ConsoleEndpoints, type ConsoleOptions } from './endpoints.ts';
export { bridge } from './bridge.ts';
