import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../paths.js';

const VIEWS = join(projectRoot(), 'views');

function templates(dir = VIEWS): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? templates(join(dir, e.name)) : e.name.endsWith('.hbs') ? [join(dir, e.name)] : []));
}
const name = (file: string) => relative(VIEWS, file);
const read = (file: string) => readFileSync(file, 'utf8');

describe('the CSRF field', () => {
  it('is written once, in partials/csrf.hbs; every other template includes the partial', () => {
    const copies = templates().filter((f) => name(f) !== 'partials/csrf.hbs' && /name="_csrf"/.test(read(f)));
    expect(copies.map(name)).toEqual([]);
  });

  it('every posted staff form carries it (the multipart upload sends it in its action instead)', () => {
    // The customer's tracking page has no session: the link's token in the action is its credential.
    const missing = templates().filter((f) => !name(f).startsWith('tracking/')).flatMap((f) =>
      [...read(f).matchAll(/<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/g)]
        .filter((m) => !m[1].includes('{{> csrf}}') && !m[0].includes('?_csrf=') && !/\{\{>\s*[a-z-]+-form\b/.test(m[1]))
        .map((m) => `${name(f)}: ${m[0].slice(0, 80)}`),
    );
    expect(missing).toEqual([]);
  });

  it('renders the page token, also inside #each where the context is the item', () => {
    const hbs = Handlebars.create();
    hbs.registerPartial('csrf', read(join(VIEWS, 'partials', 'csrf.hbs')));
    const html = hbs.compile('{{> csrf}}{{#each rows}}<form>{{> csrf}}</form>{{/each}}')({ csrfToken: 't0k', rows: [{ csrfToken: 'wrong' }, {}] });
    expect(html).toBe('<input type="hidden" name="_csrf" value="t0k"><form><input type="hidden" name="_csrf" value="t0k"></form><form><input type="hidden" name="_csrf" value="t0k"></form>');
  });
});
