// Routes of the Task resource: list (filter by status or target), read one, cancel one.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../common/context.ts';
import { errors } from '../common/responses.ts';
import { Task, TaskList, TaskParams, TaskQuery } from './schemas.ts';
import { cancelTask, findTask, findTasks } from './service.ts';

export const listRoute = createRoute({
  method: 'get', path: '/tasks', tags: ['tasks'], summary: 'Tasks, newest first',
  request: { query: TaskQuery },
  responses: { 200: { description: 'Tasks', content: { 'application/json': { schema: TaskList } } }, 400: errors[400], 500: errors[500] },
});

export const getRoute = createRoute({
  method: 'get', path: '/tasks/{id}', tags: ['tasks'], summary: 'One task',
  request: { params: TaskParams },
  responses: { 200: { description: 'The task', content: { 'application/json': { schema: Task } } }, 400: errors[400], 404: errors[404], 500: errors[500] },
});

export const cancelRoute = createRoute({
  method: 'post', path: '/tasks/{id}/cancel', tags: ['tasks'],
  summary: 'Stop a running task whose `cancellable` is true (a migration: the guest stays on its source); it ends as cancelled',
  request: { params: TaskParams },
  responses: {
    202: { description: 'Cancel asked; the task ends shortly', content: { 'application/json': { schema: Task } } },
    400: errors[400], 404: errors[404],
    409: { ...errors[409], description: 'KCHTASK0002E: it has ended; KCHTASK0003E: it cannot be stopped' },
    500: errors[500],
  },
});

export function taskRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, (c) => c.json(findTasks(c.get('deps').db, c.get('locale'), c.req.valid('query')), 200));
  app.openapi(getRoute, (c) => c.json(findTask(c.get('deps').db, c.get('locale'), c.req.valid('param').id), 200));
  app.openapi(cancelRoute, (c) => c.json(cancelTask(c.get('deps').db, c.get('locale'), c.req.valid('param').id), 202));
}
