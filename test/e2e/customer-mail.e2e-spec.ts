import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { OutboxWorker } from '../../src/modules/notifications/outbox.worker.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startSmtpServer } from '../support/smtp.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Friday 20 November 2026, 11:00 in Utrecht. */
const FRIDAY = new Date('2026-11-20T10:00:00Z');

describe('mail to the customer, in their language, with a link that works', () => {
  const clock = new FixedClock(FRIDAY);
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let dealers: Record<string, DemoDealer>;
  let staff: Client;
  let ref: string;
  let intakeUrl: string;

  const deliver = () => t.app.get(OutboxWorker).deliverDue();
  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));
  const linkIn = (text: string) => /(http:\/\/127\.0\.0\.1:\d+\/track\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
  const open = (url: string) => Client.anonymous(t.baseUrl).get(`/api/track/${url.split('/').pop()}`);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SESSION_ABSOLUTE_HOURS: '168', SESSION_IDLE_MINUTES: '1440' }, { clock });
    staff = await Client.login(t.baseUrl, 'sales.manager.nl@demo.test');
    dealers = await demoDealers(staff);
    await deliver(); // the demo's own receipts
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends the receipt in Dutch with a working link of its own', async () => {
    const res = await staff.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Sanne de Vries', email: 'sanne@example.nl', language: 'nl' }, onTheSpot: { listened: true, apology: { by: 'Pieter', how: 'in-person' } } }));
    expect(res.status, res.text).toBe(201);
    ({ ref, trackingUrl: intakeUrl } = res.body);
    expect((await deliver()).sent).toBeGreaterThanOrEqual(1);
    const [receipt] = mailsTo('sanne@example.nl');
    expect(receipt.subject).toBe(`Uw melding ${ref} bij Autohuis Utrecht`);
    expect(receipt.text).toContain('Bedankt dat u het ons heeft laten weten');
    // By when they will hear from us, written out in Dutch in the dealer's zone.
    expect(receipt.text).toMatch(/\n\nU hoort uiterlijk \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) om \d\d:\d\d van ons\.\n/);
    expect(receipt.text).toContain('Met vriendelijke groet,\nAutohuis Utrecht');
    const link = linkIn(receipt.text)!;
    expect(link).toBeDefined();
    expect(link).not.toBe(intakeUrl);
    const page = await open(link);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ ref, language: 'nl' });
    // No token is stored: the outbox row holds no link.
    const rows = await t.dataSource.query(`SELECT data FROM notifications WHERE template = 'i18n:receipt' AND "ticketId" = '${res.body.id}'`);
    expect(rows[0].data).not.toContain('/track/');
  });

  it('mails each message meant for the customer', async () => {
    await staff.post(`/api/tickets/${ref}/messages`, { body: 'Wij bellen u maandag om 9:00.', visibility: 'customer' });
    await staff.post(`/api/tickets/${ref}/messages`, { body: 'Internal only', visibility: 'internal' });
    await deliver();
    const messages = mailsTo('sanne@example.nl').filter((m) => m.subject.startsWith('Een bericht'));
    expect(messages).toHaveLength(1);
    expect(messages[0].text).toContain('Wij bellen u maandag om 9:00.');
    expect(smtp.mails.some((m) => m.text.includes('Internal only'))).toBe(false);
  });

  it('asks how it went two business days after resolution, and the link rates', async () => {
    await staff.post(`/api/tickets/${ref}/stages/fix`, { rootCause: 'waiting-time', action: 'Call on Monday', owner: 'Pieter' });
    expect((await staff.post(`/api/tickets/${ref}/stages/compensate`, { noCompensation: { reason: 'Not wanted' } })).body.status).toBe('resolved');
    await deliver();
    expect(mailsTo('sanne@example.nl').filter((m) => m.subject.startsWith('Hebben we het rechtgezet'))).toHaveLength(0);
    // Friday resolution: Saturday is the first business day, Sunday (opening 11:00) the second.
    clock.set(new Date('2026-11-22T09:59:00Z'));
    await deliver();
    expect(mailsTo('sanne@example.nl').filter((m) => m.subject.startsWith('Hebben we het rechtgezet'))).toHaveLength(0);
    clock.set(new Date('2026-11-22T10:00:00Z'));
    await deliver();
    staff = await Client.login(t.baseUrl, 'sales.manager.nl@demo.test'); // two days on, the old session has gone idle
    const [followUp] = mailsTo('sanne@example.nl').filter((m) => m.subject.startsWith('Hebben we het rechtgezet'));
    expect(followUp.text).toContain('op een schaal van 1 tot 5');
    const link = linkIn(followUp.text)!;
    const rated = await Client.anonymous(t.baseUrl).post(`/api/track/${link.split('/').pop()}/rating`, { score: 5 });
    expect(rated.status, rated.text).toBe(200);
    expect(rated.body.stage).toBe('closed');
  });

  it('confirms a reopen to the customer', async () => {
    await staff.post(`/api/tickets/${ref}/stages/closed`, { outcome: 'retained' });
    const reopened = await Client.anonymous(t.baseUrl).post(`/api/track/${intakeUrl.split('/').pop()}/reopen`, { reason: 'Nobody called' });
    expect(reopened.status, reopened.text).toBe(200);
    await deliver();
    const [confirmation] = mailsTo('sanne@example.nl').filter((m) => m.subject.includes('weer geopend'));
    expect(confirmation.text).toContain(`We hebben uw melding ${ref} heropend`);
  });

  it('lets staff revoke every link and issue a new one; old links then answer 404 like unknown ones', async () => {
    const mailed = linkIn(mailsTo('sanne@example.nl')[0].text)!;
    const unknown = await open('A'.repeat(43));
    const reissued = await staff.post(`/api/tickets/${ref}/tracking-link`);
    expect(reissued.status).toBe(201);
    for (const old of [intakeUrl, mailed]) {
      const res = await open(old);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(unknown.body);
    }
    expect((await open(reissued.body.trackingUrl)).status).toBe(200);
    const other = await Client.login(t.baseUrl, 'reception.no@demo.test');
    expect((await other.post(`/api/tickets/${ref}/tracking-link`)).status).toBe(404);
  });

  it('writes to each customer in their own language, and not to one without consent', async () => {
    await staff.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Sven', email: 'sven@example.se', language: 'sv' } }));
    await staff.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: 'Quiet', email: 'quiet@example.nl', consent: false } }));
    await deliver();
    expect(mailsTo('sven@example.se')[0].subject).toMatch(/^Ditt ärende AM-\d{4}-\d{6} hos Autohuis Utrecht$/);
    expect(mailsTo('quiet@example.nl')).toHaveLength(0);
  });
});
