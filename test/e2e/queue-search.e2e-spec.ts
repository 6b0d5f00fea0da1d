import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureQueries, explain, fullScans, GROWING_TABLES, isRead, reads } from '../../src/common/database/query-plans.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The queue's `q` through the full-text index: word prefixes in Norwegian, Swedish, Dutch
 * and English, accents folded, references exactly, hostile query syntax read as words,
 * and the index kept in step with tickets and customers as they are written.
 */
describe.each([
  ['matches read from the index', {}],
  // Words in many tickets: the queue is walked in its order, each ticket looked up in the matches.
  ['the queue walked in its order', { QUEUE_SEARCH_WALK_ABOVE: '1' }],
])('searching the queue, %s', (_mode, env: Record<string, string>) => {
  let t: TestApp;
  let admin: Client;
  const refs: Record<string, string> = {};
  let dealerId: string;

  /** Which of this file's tickets a search finds (the demo's own tickets aside). */
  const found = async (q: string, client = admin): Promise<string[]> => {
    const res = await client.get(`/api/tickets?${new URLSearchParams({ q, limit: '200' })}`);
    expect(res.status, `${JSON.stringify(q)}: ${res.text}`).toBe(200);
    const mine = new Map(Object.entries(refs).map(([k, v]) => [v, k]));
    return res.body.items.map((i: { ref: string }) => mine.get(i.ref)).filter(Boolean).sort();
  };

  beforeAll(async () => {
    t = await startTestApp(env);
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    dealerId = (await demoDealers(admin)).nl.id;
    const cases = {
      no: { customer: { name: 'Ingrid Ødegård', email: 'ingrid@example.no' }, account: 'Ventetiden var altfor lang, og bilen lekker fortsatt væske.' },
      se: { customer: { name: 'Måns Öberg', email: 'mans@example.se' }, account: 'Vi hämtade bilen i Göteborg men kopplingen slirar.' },
      nl: { customer: { name: 'Sanne van Dijk', email: 'sanne@example.nl' }, account: 'De wachttijd bij de werkplaats was veel te lang.' },
      en: { customer: { name: 'Oliver Smith', email: 'oliver@example.com' }, account: 'The paint on the bonnet is still scratched after the repair.' },
    };
    for (const [k, c] of Object.entries(cases)) {
      const res = await admin.post('/api/tickets', complaint(dealerId, c));
      expect(res.status, res.text).toBe(201);
      refs[k] = res.body.ref;
    }
  });
  afterAll(async () => t?.close());

  it.each([
    ['ventetid', ['no']],
    ['Ventetiden', ['no']],
    ['bilen', ['no', 'se']],
    ['væske', ['no']],
    ['VÆSKE', ['no']],
    ['Ødegård', ['no']],
    ['Göteborg', ['se']],
    ['goteborg', ['se']],
    ['göte', ['se']],
    ['Måns', ['se']],
    ['mans', ['se']],
    ['wachttijd', ['nl']],
    ['wacht', ['nl']],
    ['WACHTTIJD', ['nl']],
    ['sanne', ['nl']],
    ['scratch', ['en']],
    ['bonnet repair', ['en']],
    ['bilen göteborg', ['se']],
    ['  Bilen,   Ventetid!  ', ['no']],
  ])('finds %j by word prefixes, whatever the case and accents', async (q, expected) => {
    expect(await found(q)).toEqual(expected);
  });

  it('reads through the full-text index, never a whole table', async () => {
    const queries = (await captureQueries(t.dataSource, async () => expect(await found('bilen')).toEqual(['no', 'se']))).filter((q) => isRead(q) && reads(q, GROWING_TABLES));
    const plans = await Promise.all(queries.map((q) => explain(t.dataSource, q)));
    expect(plans.flatMap(fullScans)).toEqual([]);
    expect(queries.some((q) => /EXISTS \(SELECT 1 FROM ticket_search/.test(q.sql))).toBe(env.QUEUE_SEARCH_WALK_ABOVE === '1');
    expect(plans.some((plan) => plan.some((step) => /VIRTUAL TABLE INDEX \d+:=?M|IDX_ticket_search_document|ticket_search_pkey/.test(step)))).toBe(true);
  });

  it('walks plain words by their exact terms (one seek per ticket) and other words through the gathered matches', async () => {
    const sqlite = t.dataSource.options.type === 'sqlite';
    const walking = env.QUEUE_SEARCH_WALK_ABOVE === '1';
    // "bil" is the prefix of "bilen" (in two tickets): the vocabulary expands it to its terms, and both are found.
    const plain = await captureQueries(t.dataSource, async () => expect(await found('bil')).toEqual(['no', 'se']));
    const probe = plain.find((q) => /JOIN ticket_search s ON s\.rowid = k\."key" WHERE k\."ticketId" = \S+ AND ticket_search MATCH/.test(q.sql));
    expect(Boolean(probe)).toBe(sqlite && walking);
    // Exact terms only, quoted, one of them "bilen": no prefix term left to merge per ticket.
    if (probe) expect(probe.params.some((p) => typeof p === 'string' && /^\((?:"[^"*]+"(?: OR )?)+\)$/.test(p) && p.includes('"bilen"')), JSON.stringify(probe.params)).toBe(true);
    // "væske" is folded by the tokenizer: no lookup by its spelling; its matches are counted
    // through the index as a prefix, as before the vocabulary, to choose between index and walk.
    const folded = await captureQueries(t.dataSource, async () => expect(await found('væske')).toEqual(['no']));
    expect(folded.some((q) => /ticket_search_vocab|JOIN ticket_search s ON s\.rowid/.test(q.sql))).toBe(false);
    expect(folded.some((q) => /SELECT COUNT\(\*\) AS n FROM \(SELECT 1 FROM ticket_search/.test(q.sql))).toBe(sqlite);
    // PostgreSQL's GIN index is read as a bitmap of every match, capped or not: the choice
    // comes from a fixed sample of documents instead, exact here where there are fewer.
    expect(folded.some((q) => /FROM \(SELECT s\.document FROM ticket_search s LIMIT \$2\) x WHERE x\.document @@/.test(q.sql))).toBe(!sqlite);
  });

  it('asks for every word and matches them at the start of words only', async () => {
    expect(await found('bilen wachttijd')).toEqual([]);
    // Inside a word is not the start of one: "tetid" is in "Ventetiden" but no word begins with it.
    expect(await found('tetid')).toEqual([]);
    expect(await found('nosuchwordanywhere')).toEqual([]);
  });

  it('finds a reference exactly, typed in any case, and only that ticket', async () => {
    for (const q of [refs.se, refs.se.toLowerCase(), `  ${refs.se} `]) {
      const res = await admin.get(`/api/tickets?${new URLSearchParams({ q })}`);
      expect(res.body.items.map((i: { ref: string }) => i.ref), q).toEqual([refs.se]);
    }
    // Its number alone is a word of the ticket, found like any other.
    expect(await found(refs.se.split('-')[2])).toEqual(['se']);
  });

  it('reads hostile query syntax as plain words: never an error, never everything', async () => {
    const hostile = ['"', '""', '"bilen', 'bilen"', "'", '\\', '*', ':', '^', '(', ')', '()', '-', '+', '&', '|', '!', '~', '{', '}', '[', ']',
      'NEAR', 'NEAR(bilen væske)', 'bilen NEAR/2 væske', 'AND', 'OR', 'NOT', 'bilen OR wachttijd', 'bilen AND', 'NOT bilen', 'bilen NOT væske',
      'bil*', '*bil', '^bilen', '(bilen', 'bilen)', 'document:bilen', '{document}: bilen', 'ticket_search:bilen', "'bilen':*", 'bilen:*', '!bilen', 'bilen & væske', 'bilen | wachttijd', '<->', 'bilen <-> væske',
      '\u0301', 'e\u0301', '\u200b', '\u202e', '🚗', '漢字', '%', '_', '%_%', "' OR 1=1 --", '"; DROP TABLE tickets; --', 'a b c d e f g h i j k l m n o p'];
    for (const q of hostile) {
      const res = await admin.get(`/api/tickets?${new URLSearchParams({ q, limit: '200' })}`);
      expect(res.status, JSON.stringify(q)).toBe(200);
      expect(res.body.items.length, JSON.stringify(q)).toBeLessThan(4);
    }
    // Operators and syntax around a word leave the word: it is still found.
    for (const q of ['bil*', '^bilen', '(bilen', 'bilen)', '"bilen', "'bilen':*", 'bilen:*', '!bilen', 'bilen & væske']) {
      expect(await found(q), q).toContain('no');
    }
    // An operator word is a word to find, not an operator: no ticket says "or" or "not".
    expect(await found('bilen OR wachttijd')).toEqual([]);
    expect(await found('NOT bilen')).toEqual([]);
    expect(await found('NEAR(bilen væske)')).toEqual([]);
    // Only punctuation finds nothing (LIKE wildcards included), rather than everything.
    for (const q of ['%', '_', '%%', '*', '"', '\\']) expect(await found(q), q).toEqual([]);
  });

  it('keeps the index in step with the customer: a corrected name is found, the old one no longer', async () => {
    expect(await found('oliver')).toEqual(['en']);
    const res = await admin.patch(`/api/tickets/${refs.en}/customer`, { name: 'Olivia Brønstad' });
    expect(res.status, res.text).toBe(200);
    expect(await found('oliver')).toEqual([]);
    expect(await found('olivia brønstad')).toEqual(['en']);
    expect(await found('bronstad')).toEqual([]);
    // The account and reference are still there under the new name.
    expect(await found('olivia scratched')).toEqual(['en']);
  });

  it('keeps the index in step with intake: a returning customer under a new name renames every ticket of theirs', async () => {
    const first = await admin.post('/api/tickets', complaint(dealerId, { customer: { name: 'Pieter Jansen', email: 'pieter@example.nl' }, account: 'Koppakking lekt olie.' }));
    expect(first.status, first.text).toBe(201);
    refs.nl2 = first.body.ref;
    expect(await found('koppakking')).toEqual(['nl2']);
    expect(await found('pieter jansen')).toEqual(['nl2']);
    // The same e-mail: the same customer, whose name intake now records as given.
    const second = await admin.post('/api/tickets', complaint(dealerId, { customer: { name: 'Piet Janssen-Bakker', email: 'pieter@example.nl' }, account: 'Weer olie onder de motor.' }));
    expect(second.status, second.text).toBe(201);
    refs.nl3 = second.body.ref;
    const [one, two] = [(await admin.get(`/api/tickets/${refs.nl2}`)).body, (await admin.get(`/api/tickets/${refs.nl3}`)).body];
    expect(one.customer.id).toBe(two.customer.id);
    expect(await found('pieter')).toEqual([]);
    expect(await found('Piet Janssen-Bakker')).toEqual(['nl2', 'nl3']);
    expect(await found('koppakking')).toEqual(['nl2']);
    expect(await found('olie')).toEqual(['nl2', 'nl3']);
  });
});
