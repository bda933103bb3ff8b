// Routes of the Template resource: list, create, read, update, delete, clone.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { ResourceName } from '../common/names.ts';
import { errors, jsonBody } from '../common/responses.ts';
import { Template, TemplateInput, TemplateUpdate } from './schemas.ts';
import { changeTemplate, cloneTemplate, createTemplate, listTemplateViews, removeTemplate, templateView } from './service.ts';

const Params = z.strictObject({ name: ResourceName.openapi({ param: { name: 'name', in: 'path' } }) });
const one = (description: string) => ({ description, content: { 'application/json': { schema: Template } } });

const list = createRoute({
  method: 'get', path: '/templates', tags: ['templates'],
  summary: 'Every template; one whose ISO, pool, network or base image disappeared is listed with `invalid` filled',
  responses: { 200: { description: 'Templates', content: { 'application/json': { schema: z.array(Template) } } }, 500: errors[500] },
});
const create = createRoute({
  method: 'post', path: '/templates', tags: ['templates'],
  summary: 'Create a template; with `cdrom`, the OS is detected from the ISO and its recommended memory, disk, bus and NIC model are the defaults',
  request: jsonBody(TemplateInput),
  responses: { 201: one('The new template'), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const get = createRoute({
  method: 'get', path: '/templates/{name}', tags: ['templates'], summary: 'One template',
  request: { params: Params }, responses: { 200: one('The template'), 400: errors[400], 404: errors[404], 500: errors[500] },
});
const update = createRoute({
  method: 'put', path: '/templates/{name}', tags: ['templates'], summary: 'Change any fields of a template (a new name renames it)',
  request: { params: Params, ...jsonBody(TemplateUpdate) },
  responses: { 200: one('The changed template'), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});
const remove = createRoute({
  method: 'delete', path: '/templates/{name}', tags: ['templates'],
  summary: 'Delete a template; VMs made from it are not touched',
  request: { params: Params }, responses: { 204: { description: 'Deleted' }, 400: errors[400], 404: errors[404], 500: errors[500] },
});
const clone = createRoute({
  method: 'post', path: '/templates/{name}/clone', tags: ['templates'], summary: 'Copy a template as <name>-cloneN',
  request: { params: Params }, responses: { 201: one('The copy'), 400: errors[400], 404: errors[404], 409: errors[409], 500: errors[500] },
});

export function templateRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => c.json(await listTemplateViews(c.get('deps').db, c.get('deps').libvirt.connection, c.get('locale')), 200));
  app.openapi(create, async (c) => {
    const deps = c.get('deps');
    return c.json(await createTemplate(deps.db, deps.libvirt.connection, c.get('locale'), c.req.valid('json')), 201);
  });
  app.openapi(get, async (c) => {
    const deps = c.get('deps');
    return c.json(await templateView(deps.db, deps.libvirt.connection, c.get('locale'), c.req.valid('param').name), 200);
  });
  app.openapi(update, async (c) => {
    const deps = c.get('deps');
    return c.json(await changeTemplate(deps.db, deps.libvirt.connection, c.get('locale'), c.req.valid('param').name, c.req.valid('json')), 200);
  });
  app.openapi(remove, (c) => {
    removeTemplate(c.get('deps').db, c.req.valid('param').name);
    return c.body(null, 204);
  });
  app.openapi(clone, async (c) => {
    const deps = c.get('deps');
    return c.json(await cloneTemplate(deps.db, deps.libvirt.connection, c.get('locale'), c.req.valid('param').name), 201);
  });
}
