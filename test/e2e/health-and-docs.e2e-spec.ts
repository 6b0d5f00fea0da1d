import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('health and OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('documents every JSON endpoint with its DTOs', async () => {
    const res = await Client.anonymous(t.baseUrl).get('/api/docs-json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    // Every route of every controller that is not a page controller must be in the document.
    const routes: string[] = [];
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const metatype = wrapper.metatype as (new (...args: never[]) => object) | null;
        if (!metatype) continue;
        if (Reflect.getMetadata('swagger/apiExcludeController', metatype)) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
        for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
          const handler = (metatype.prototype as Record<string, object>)[name];
          const path = Reflect.getMetadata(PATH_METADATA, handler);
          if (path === undefined || name === 'constructor') continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
          const full = `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/:(\w+)/g, '{$1}');
          routes.push(`${method} ${full}`);
        }
      }
    }
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((r) => !documented.has(r))).toEqual([]);
    for (const schema of ['CreateTicketDto', 'CustomerInputDto', 'OnTheSpotDto', 'MoneyDto', 'LoginDto', 'CreateUserDto', 'CreateDealerDto', 'CreateApiKeyDto', 'PostMessageDto']) {
      expect(doc.components.schemas[schema], schema).toBeDefined();
    }
    expect(doc.components.schemas.CreateTicketDto.required).toEqual(
      expect.arrayContaining(['dealerId', 'department', 'category', 'channel', 'severity', 'customer', 'account']),
    );
    const ui = await Client.anonymous(t.baseUrl).get('/api/docs/', { accept: 'text/html' });
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('holds an answer that several operations give once, as a component they refer to', async () => {
    const doc = (await Client.anonymous(t.baseUrl).get('/api/docs-json')).body;
    type Schema = { $ref?: string; type?: string; items?: Schema; allOf?: Schema[]; properties?: Record<string, Schema> };
    // Every object schema written out in a success answer (the answer, an array's items, an allOf's parts), by where it stands.
    const inline = new Map<string, string[]>();
    const walk = (s: Schema | undefined, where: string) => {
      if (!s || s.$ref) return;
      if (s.type === 'object' && s.properties) inline.set(JSON.stringify(s), [...(inline.get(JSON.stringify(s)) ?? []), where]);
      walk(s.items, where);
      for (const part of s.allOf ?? []) walk(part, where);
    };
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, r] of Object.entries(op.responses)) if (status.startsWith('2')) walk(r.content?.['application/json']?.schema, `${method.toUpperCase()} ${path} ${status}`);
      }
    }
    expect([...inline.values()].filter((places) => places.length > 1)).toEqual([]);
    const ref = (method: string, path: string, status: string) => doc.paths[path][method].responses[status].content['application/json'].schema;
    expect(ref('get', '/api/tickets/{ref}', '200')).toEqual({ $ref: '#/components/schemas/Ticket' });
    expect(ref('post', '/api/tickets/{ref}/escalate', '200')).toEqual({ $ref: '#/components/schemas/Ticket' });
    expect(ref('post', '/api/tickets', '201').allOf[0]).toEqual({ $ref: '#/components/schemas/Ticket' });
    expect(ref('get', '/api/dealers', '200').items).toEqual({ $ref: '#/components/schemas/Dealer' });
    expect(ref('get', '/api/contacts', '200').items).toEqual({ $ref: '#/components/schemas/Contact' });
    expect(ref('get', '/api/customers/{id}', '200').properties.contacts.items).toEqual({ $ref: '#/components/schemas/Contact' });
    for (const name of ['Ticket', 'Compensation', 'Contact', 'ContactCadence', 'Dealer', 'SlaPolicy', 'Survey', 'User', 'ApiKey', 'Improvement', 'ImprovementSummary', 'TrackingView', 'TrackingLink']) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
  });

  it('sends security headers', async () => {
    const res = await Client.anonymous(t.baseUrl).get('/login', { accept: 'text/html' });
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('hashes no dynamic answer for an ETag (none is stored, so none is revalidated); static files keep theirs', async () => {
    const anon = Client.anonymous(t.baseUrl);
    const page = await anon.get('/login', { accept: 'text/html' });
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('etag')).toBeNull();
    expect((await anon.get('/health/live')).headers.get('etag')).toBeNull();
    const css = await anon.get('/static/app.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('etag')).toBeTruthy();
  });

  it('is live, and ready while the database answers; 503 once it is gone', async () => {
    const anon = Client.anonymous(t.baseUrl);
    expect((await anon.get('/health/live')).status).toBe(200);
    const ready = await anon.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.database.status).toBe('up');
    await t.dataSource.destroy();
    const gone = await anon.get('/health/ready');
    expect(gone.status).toBe(503);
    expect(gone.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    expect((await anon.get('/health/live')).status).toBe(200);
  });
});
