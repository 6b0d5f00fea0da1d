import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../common/paths.js';
import { LANGUAGES } from '../dealers/dealer-values.js';
import { renderMail, staffMailWords } from './templates.js';

const sweep = {
  ref: 'AM-2026-000042', dealerName: 'Autohuis Utrecht', timeZone: 'Europe/Amsterdam', department: 'sales', severity: 'high', customerName: 'Sanne de Vries',
  account: 'Waited an hour', ticketUrl: 'http://localhost/tickets/AM-2026-000042', recipientName: 'Pieter', target: 'listen', dueAtIso: '2026-11-29T14:00:00.000Z', level: 1, percent: 75,
};

describe('staff mails in the reader\'s language', () => {
  it('says the department, severity, deadline and date in the reader\'s words', () => {
    expect(staffMailWords('nl', sweep)).toMatchObject({ department: 'verkoop', severity: 'hoog', target: 'het luisteren naar de klant', dueAt: 'zondag 29 november 2026, 15:00' });
    expect(staffMailWords('nb', sweep)).toMatchObject({ department: 'salg', dueAt: 'søndag 29. november 2026 kl. 15:00' });
    expect(staffMailWords('en', { ...sweep, department: 'bodywork' })).toMatchObject({ department: 'bodywork', target: 'listening to the customer' });
  });

  it('keeps a date formatted before the change as it is', () => {
    expect(staffMailWords('nl', { dueAt: 'za 21 nov 2026 12:30 CET' }).dueAt).toBe('za 21 nov 2026 12:30 CET');
  });

  it.each(['nl', 'nb', 'sv'])('leaves no English in the %s escalation, warning and manual escalation mails', (lang) => {
    const english = /\b(Ticket|Hello|Customer|escalated|deadline|severity|level|sales|high|listening|Sunday|November|Please|risk)\b/;
    for (const template of ['sla-escalation', 'sla-warning', 'manual-escalation']) {
      const mail = renderMail(template, lang, { ...sweep, reason: '—', actorName: 'Quinn' });
      expect(`${mail.subject}\n${mail.text}`, `${lang} ${template}`).not.toMatch(english);
    }
  });

  it('writes the Dutch escalation with the date written out', () => {
    const mail = renderMail('sla-escalation', 'nl', sweep);
    expect(mail.subject).toBe('[Amends] Escalatie niveau 1: AM-2026-000042 heeft de termijn voor het luisteren naar de klant overschreden');
    expect(mail.text).toContain('die liep af op zondag 29 november 2026, 15:00');
  });
});

describe('staff mail templates', () => {
  const dir = join(projectRoot(), 'views', 'emails');
  const files = readdirSync(dir).filter((f) => f.endsWith('.hbs'));
  const kinds = [...new Set(files.map((f) => f.split('.')[0]))];

  it('every kind exists in every language the app speaks, as views/emails/<kind>.<language>.hbs', () => {
    const missing = kinds.flatMap((kind) => LANGUAGES.filter((l) => !files.includes(`${kind}.${l}.hbs`)).map((l) => `${kind}.${l}.hbs`));
    expect(kinds.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
    expect(files.filter((f) => !/^[a-z-]+\.[a-z]{2}\.hbs$/.test(f))).toEqual([]);
  });

  it('every kind the code sends has its templates (customer mails are in the translation files, i18n:…)', () => {
    const src = join(projectRoot(), 'src', 'modules');
    const sources = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(d, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(d, e.name)] : []));
    const sent = new Set<string>();
    for (const f of sources(src)) {
      const text = readFileSync(f, 'utf8');
      // `template: 'x'`, `enqueue(m, now, to, 'x', …)` and `const template = … ? 'x' : 'y'`.
      for (const m of text.matchAll(/(?:template: |enqueue\(\w+, \w+, \w+, )'([a-z-]+)'/g)) sent.add(m[1]);
      for (const m of text.matchAll(/const template = [^;]*\? '([a-z-]+)' : '([a-z-]+)'/g)) [m[1], m[2]].forEach((k) => sent.add(k));
    }
    expect([...sent].filter((k) => !kinds.includes(k))).toEqual([]);
    expect([...sent].sort()).toEqual(expect.arrayContaining(['improvement-overdue', 'improvement-overdue-managers', 'manual-escalation', 'sla-escalation', 'sla-warning']));
  });
});
