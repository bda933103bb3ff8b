// Everything the UI may ask the server, re-exported from one place.
export { ApiError, NetworkError, ResponseError, type RequestFailure } from './client.ts';
export { getConfig, recheck, type ServerConfig } from './config.ts';
export { subscribeEvents, type EventHandlers } from './events.ts';
