// Shared OpenAPI declarations: the error body under each status the API uses, and JSON bodies and responses.
import type { z } from '@hono/zod-openapi';
import { ErrorBody } from './schemas.ts';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } });

export const errors = {
  400: error('Invalid input: a field is missing, unknown or has a wrong value'),
  401: error('No valid session or Basic credentials (the API answers WWW-Authenticate: Basic)'),
  403: error('Not allowed for this user, or a cross-site request'),
  404: error('The resource does not exist'),
  409: error('Conflict or wrong state'),
  413: error('Request body too large'),
  415: error('Body is not JSON'),
  429: error('Too many failed logins: wait for Retry-After seconds'),
  500: error('libvirt or internal failure, or global error mode (a startup requirement failed)'),
} as const;

export const readErrors = { 404: errors[404], 500: errors[500] } as const;
export const writeErrors = { ...errors } as const;

/** A JSON response of `schema`. */
export const jsonOf = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });

/** A route's JSON request body, spread into `request`; an optional one passes required = false. */
export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({ body: { required, content: { 'application/json': { schema } } } });
