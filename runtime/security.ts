// Security headers on every response: a CSP without inline script, no framing, no sniffing, a same-origin referrer.
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Scripts only from our own origin (Vite emits external modules; the API page loads its init script from a file).
 * Inline styles stay allowed: Solid, Swagger UI and noVNC set style attributes, which carry no code.
 */
export function securityHeaders(tls: boolean): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'same-origin',
    strictTransportSecurity: tls ? 'max-age=31536000' : false,
    crossOriginEmbedderPolicy: false,
  });
}
