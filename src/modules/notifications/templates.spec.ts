import { describe, expect, it } from 'vitest';
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
