import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../paths.js';
import { formHelpers } from './form-helpers.js';
import { viewHelpers } from './view-helpers.js';
import { translateTree } from '../i18n/translator.js';

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

/** A Handlebars with the app's partials and helpers, as setup-views registers them. */
function engine() {
  const hbs = Handlebars.create();
  for (const f of templates(join(VIEWS, 'partials'))) hbs.registerPartial(name(f).slice('partials/'.length, -'.hbs'.length), read(f));
  for (const [n, fn] of Object.entries({ ...viewHelpers, ...formHelpers })) hbs.registerHelper(n, fn as never);
  return hbs;
}
const squash = (html: string) => html.replace(/\s+/g, ' ').trim();

describe('the reason forms of the ticket page', () => {
  it('are one partial: the page writes no reason field of its own', () => {
    const page = read(join(VIEWS, 'tickets', 'show.hbs'));
    expect(page.match(/name="reason"/g)).toBeNull();
    expect(page.match(/\{\{> reason-form form="(\w+)"/g)).toEqual(['{{> reason-form form="reopen"', '{{> reason-form form="escalate"', '{{> reason-form form="wait"']);
  });

  it('render as the three forms did: route and error ids by form, reason required unless waiting', () => {
    const render = (call: string, formErrors: unknown = null) => squash(engine().compile(call)({ ticket: { ref: 'T-1' }, csrfToken: 'c', formErrors }));
    expect(render('{{> reason-form form="reopen" aside=true title="Reopen into fix" layout="row" required=true button="Reopen"}}')).toBe(
      squash(`<section class="panel action"> <h3>Reopen into fix</h3> <form method="post" action="/tickets/T-1/reopen" class="row">
        <input type="hidden" name="_csrf" value="c"> <label>Reason <input type="text" name="reason" id="f-reopen-reason" required maxlength="1000"></label>
        <button type="submit">Reopen</button> </form> </section>`),
    );
    const wait = render('{{> reason-form form="wait" title="Wait on the customer" layout="stack" button="Pause the clocks"}}', {
      form: 'wait', heading: 'Check', summary: [{ field: 'reason', message: 'Too long' }], fields: { reason: 'Too long' },
    });
    expect(wait).toContain('<h2>Wait on the customer</h2>');
    expect(wait).toContain('<a href="#f-wait-reason">Too long</a>');
    expect(wait).toContain('<input type="text" name="reason" id="f-wait-reason" aria-invalid="true" aria-describedby="e-wait-reason" autofocus maxlength="1000">');
    expect(wait).toContain('<p class="field-error" id="e-wait-reason">Too long</p>');
    expect(wait).toContain('action="/tickets/T-1/wait" class="stack"');
  });
});

describe('the calendar grid', () => {
  it('writes each field through one partial, as the six copies did', () => {
    expect(read(join(VIEWS, 'partials', 'calendar-grid.hbs')).match(/aria-describedby=/g)).toBeNull();
    const f = (name: string, error?: string) => ({ id: `f-${name}`, name, errorId: `e-${name}`, error, autofocus: !!error });
    // The grid's words come from the page (admin.grid in the reader's language).
    const html = squash(engine().compile('{{> calendar-grid}}')({
      g: translateTree('en', 'admin.grid'),
      grid: {
        days: [],
        holidays: [{ date: '2026-12-25', name: 'Christmas', from: '', to: '', dateField: f('h0.date'), nameField: f('h0.name', 'Too long'), fromField: f('h0.from'), toField: f('h0.to') }],
      },
    }));
    expect(html).toContain('<span class="field"><label for="f-h0.date">Date</label> <input type="date" id="f-h0.date" name="h0.date" value="2026-12-25"></span>');
    expect(html).toContain('<span class="field invalid"><label for="f-h0.name">Name</label> <input type="text" id="f-h0.name" name="h0.name" value="Christmas" maxlength="100" aria-invalid="true" aria-describedby="e-h0.name" autofocus></span>');
    expect(html).toContain('<span class="field"><label for="f-h0.from">Opens</label> <input type="text" id="f-h0.from" name="h0.from" value="" size="5" maxlength="5" autocomplete="off"></span>');
    expect(html).toContain('<p class="field-error" id="e-h0.name">Too long</p>');
  });
});
