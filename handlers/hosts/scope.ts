// /api/hosts/{host}/…: the one place that picks a host for a request — its connection, sanity and samplers go into deps.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { LOCAL_HOST, type HostConnection } from '../common/hosts.ts';

/** A per-host resource path: /api/hosts/{host}/<anything> (the registry's own /api/hosts/{host} has nothing after). */
export const SCOPED = /^\/api\/hosts\/([^/]+)\/./;

/** The deps of one host: its libvirt, sanity, samplers and name; the db, events, auth… are everyone's. */
export function depsFor(deps: Deps, host: HostConnection): Deps {
  return {
    ...deps, libvirt: host.libvirt, sanity: host.sanity, vmStats: host.vmStats, domainXml: host.domainXml, hostStats: host.hostStats, host: host.name,
  };
}

/** The connected host named `name`: 404 when unknown, 503 with libvirt's reason while it is down. */
export function connectedHost(deps: Deps, name: string): HostConnection | undefined {
  const host = deps.hosts?.get(name);
  if (!host) {
    if (name === LOCAL_HOST) return undefined; // no directory: the deps already are the local host's
    throw new KimchiError(404, 'KCHHOST0001E', { name });
  }
  const s = host.state();
  if (s.status !== 'connected') {
    throw new KimchiError(503, 'KCHHOST0006E', { name, reason: s.status === 'failing' ? s.reason : { t: 'host.connecting' } });
  }
  return host;
}

/** Requests under /api/hosts/{host}/ run the ordinary resource routes with that host's deps. */
export function hostScope(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const m = SCOPED.exec(c.req.path);
    if (!m) return next();
    let name: string;
    try { name = decodeURIComponent(m[1]); } catch { name = m[1]; }
    const deps = c.get('deps');
    const host = connectedHost(deps, name);
    c.set('deps', host ? depsFor(deps, host) : { ...deps, host: LOCAL_HOST });
    return next();
  };
}
