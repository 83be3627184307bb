import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../src/common/auth.decorators.js';
import { LIMIT_KIND_KEY } from '../src/limits/rate-limits.js';
import { startTestApp, type TestApp } from './support/backend-test-app.js';

interface Schema {
  properties?: Record<string, Schema>;
  required?: string[];
}
interface Operation {
  requestBody?: { content: Record<string, { schema: Schema }> };
  parameters?: { name: string; in: string }[];
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
  'x-roles'?: string[];
}

interface MappedRoute {
  method: string;
  /** The OpenAPI path template: `/v1/encounters/{id}`. */
  path: string;
  takesBody: boolean;
  roles?: string[];
  isPublic: boolean;
  rateLimited: boolean;
}

/** Every route Nest maps, read from the same decorator metadata the router and the guards use. */
function mappedRoutes(t: TestApp): MappedRoute[] {
  const found: MappedRoute[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined)
          continue;
        const route =
          `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')].filter((p) => p && p !== '/').join('/')}`.replace(
            /\/+/g,
            '/',
          );
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, unknown>;
        found.push({
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!.toLowerCase(),
          path: route.replace(/:([A-Za-z]+)/g, '{$1}'),
          takesBody: Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY)),
          roles: Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller),
          isPublic: Boolean(Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller)),
          rateLimited: Reflect.getMetadata(LIMIT_KIND_KEY, handler) !== undefined,
        });
      }
    }
  }
  return found;
}

/** Logout ends whatever session its cookie or token names and answers 204 even when there is none. */
const NO_ERROR_ANSWER = new Set(['POST /v1/auth/logout']);

/** A response that documents the one error shape: `{ error: { code, message, details? } }`. */
function isErrorBody(response: Operation['responses'][string]): boolean {
  const schema = response.content?.['application/json']?.schema;
  const error = schema?.properties?.error;
  return Boolean(error?.properties?.code && error.properties.message && error.required?.includes('code'));
}

describe('the OpenAPI document (/docs-json)', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, Operation>>;
  let routes: MappedRoute[];

  beforeAll(async () => {
    t = await startTestApp('pglite', { API_DOCS: 'true' });
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    paths = res.body.paths;
    routes = mappedRoutes(t);
  });
  afterAll(async () => t?.close());

  it('describes every route: its request, who may call it, its success answer and its error answers in the error shape', () => {
    expect(routes.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const route of routes) {
      const name = `${route.method.toUpperCase()} ${route.path}`;
      const operation = paths[route.path]?.[route.method];
      if (!operation) {
        problems.push(`${name}: missing from the document`);
        continue;
      }
      const statuses = Object.keys(operation.responses);
      const errors = statuses.filter((s) => /^[45]\d\d$/.test(s));
      if (!statuses.some((s) => /^2\d\d$/.test(s))) problems.push(`${name}: no success response`);
      const success = statuses.filter((s) => /^2\d\d$/.test(s) && s !== '204').map((s) => operation.responses[s]!);
      if (success.some((r) => !r.content)) problems.push(`${name}: a success response without a body schema`);
      if (errors.length === 0 && !NO_ERROR_ANSWER.has(name)) problems.push(`${name}: no error response`);
      for (const status of errors)
        if (!isErrorBody(operation.responses[status]!)) problems.push(`${name}: ${status} is not described as the {error} body`);
      if (route.takesBody && !operation.requestBody) problems.push(`${name}: takes a body the document does not describe`);
      if (route.takesBody && !errors.includes('400')) problems.push(`${name}: takes a body but documents no 400`);
      for (const param of route.path.match(/\{([A-Za-z]+)\}/g) ?? []) {
        if (!operation.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === param))
          problems.push(`${name}: path parameter ${param} not described`);
      }
      const expectedRoles = route.isPublic ? ['anyone'] : route.roles;
      if (JSON.stringify(operation['x-roles']) !== JSON.stringify(expectedRoles))
        problems.push(`${name}: x-roles ${JSON.stringify(operation['x-roles'])}, declared ${JSON.stringify(expectedRoles)}`);
      // A route's own 401/403 replaces the controller's: the guard's codes must survive it.
      if (!route.isPublic && !operation.responses['401']?.description.includes('UNAUTHENTICATED'))
        problems.push(`${name}: signed-in route without the guard's 401`);
      if (!route.isPublic && !operation.responses['403']?.description.includes('FORBIDDEN'))
        problems.push(`${name}: signed-in route without the guard's 403`);
      if (route.rateLimited && !errors.includes('429')) problems.push(`${name}: rate-limited route without 429`);
    }
    expect(problems).toEqual([]);
  });

  it('has no operation that the code does not map', () => {
    const mapped = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const documented = Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    expect(documented.filter((d) => !mapped.has(d))).toEqual([]);
  });

  it('has every route in the API manual (docs/api.md), as `METHOD /path` with :params', () => {
    const manual = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
    const missing = routes
      .map((r) => `${r.method.toUpperCase()} ${r.path.replace(/\{([A-Za-z]+)\}/g, ':$1')}`)
      .filter((route) => !manual.includes(route));
    expect(missing).toEqual([]);
  });

  it('names the error codes a route answers with', () => {
    const release = paths['/v1/encounters/{id}/release']?.post;
    expect(release?.responses['409']?.description).toContain('NOT_CLAIMED_BY_YOU');
    expect(release?.responses['404']?.description).toContain('ENCOUNTER_NOT_FOUND');
    expect(paths['/v1/auth/login']?.post?.responses['429']?.description).toContain('Retry-After');
    expect(paths['/v1/admin/ingestions']?.post?.responses['413']?.description).toContain('PAYLOAD_TOO_LARGE');
  });
});
