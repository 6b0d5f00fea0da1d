import hbs from 'hbs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { projectRoot } from '../paths.js';
import { precompileViews, type HbsInstance } from './setup-views.js';

const VIEWS = join(projectRoot(), 'views');

describe('precompiled views (production)', () => {
  it('holds every page and layout, keyed as a render looks them up, before the first request', () => {
    const instance: HbsInstance = { handlebars: (hbs as unknown as HbsInstance).handlebars, cache: {} };
    precompileViews(instance, VIEWS);
    // Express resolves a view name against the views folder; hbs joins the layout's name to it.
    for (const file of [resolve(VIEWS, 'tickets/list.hbs'), resolve(VIEWS, 'tickets/show.hbs'), join(VIEWS, 'layouts/main.hbs'), resolve(VIEWS, 'errors/error.hbs')]) {
      expect(typeof instance.cache[file], file).toBe('function');
    }
    // Partials are registered by name, not rendered as pages.
    expect(Object.keys(instance.cache).filter((f) => f.includes(`${join(VIEWS, 'partials')}`))).toEqual([]);
  });
});

describe('compact dates kept per minute', () => {
  it('gives the same text again without formatting it again, and another zone or minute its own', async () => {
    const { viewHelpers } = await import('./view-helpers.js');
    const formatted = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    expect(viewHelpers.compactdate('2026-03-29T07:35:10Z', 'Europe/Amsterdam')).toBe('29 Mar 09:35');
    expect(viewHelpers.compactdate('2026-03-29T07:35:50Z', 'Europe/Amsterdam')).toBe('29 Mar 09:35');
    expect(viewHelpers.compactdate('2026-03-29T07:35:50Z', 'Europe/London')).toBe('29 Mar 08:35');
    expect(viewHelpers.compactdate('2026-03-29T07:36:00Z', 'Europe/Amsterdam')).toBe('29 Mar 09:36');
    // The second is the first's minute in the same zone: kept, not formatted again.
    expect(formatted).toHaveBeenCalledTimes(3);
    formatted.mockRestore();
  });
});
