// Typed calls of the template resource: list, create, update, delete, clone.
import type { Template, TemplateInput } from '../../handlers/templates/schemas.ts';
import { request } from './client.ts';
import { scoped } from './scope.ts';

export type { Template, TemplateInput } from '../../handlers/templates/schemas.ts';
export type TemplateUpdate = Partial<TemplateInput>;

const path = (name: string) => `/templates/${encodeURIComponent(name)}`;

/**
 * GET /api/templates: every template; broken ones carry `invalid` and a translated `invalid_reason`, checked against
 * the page's host (/api/hosts/{host}/templates: a template is shared, the pools and networks it names are per host).
 */
export function listTemplates(): Promise<Template[]> {
  return request<Template[]>('GET', scoped('/templates'));
}

/** GET /api/templates checked against `host` rather than the page's (the Templates tab under All hosts picks one). */
export function listTemplatesOn(host: string): Promise<Template[]> {
  return request<Template[]>('GET', scoped('/templates', host));
}

/** POST /api/templates → 201 with the stored template (defaults filled, OS detected from the ISO). */
export function createTemplate(input: TemplateInput): Promise<Template> {
  return request<Template>('POST', '/templates', input);
}

/** PUT /api/templates/:name: any subset of the fields; a new name renames it. */
export function updateTemplate(name: string, changes: TemplateUpdate): Promise<Template> {
  return request<Template>('PUT', path(name), changes);
}

/** DELETE /api/templates/:name → 204; VMs made from it are not touched. */
export function deleteTemplate(name: string): Promise<void> {
  return request<void>('DELETE', path(name));
}

/** POST /api/templates/:name/clone → 201 with the copy (<name>-cloneN). */
export function cloneTemplate(name: string): Promise<Template> {
  return request<Template>('POST', `${path(name)}/clone`);
}

/** A template is valid when nothing it names has disappeared. */
export function isTemplateValid(template: Template): boolean {
  return Object.values(template.invalid).every((missing) => !missing || missing.length === 0);
}

/** The value VM creation expects in `template`: Kimchi's URI of the template. */
export const templateUri = (name: string) => `/plugins/kimchi/templates/${encodeURIComponent(name)}`;
