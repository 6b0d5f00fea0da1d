/**
 * A survey CSV import through the API, against a raw single-transaction insert of the
 * same rows (responses and their answers, prepared statements, rolled back afterwards
 * so the database is as before). One in ten rows is negative and opens a ticket.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { openRaw } from './raw-db.mjs';
import { rssMiB, rssSampler } from './server.mjs';

const NEGATIVE_EVERY = 10;
const QUESTIONS = [
  { id: 'reception-wait', text: 'Waiting time at reception', area: 'workshop-service', weight: 20, scaleMax: 10, negativeAtOrBelow: 4, department: 'service', category: 'waiting-time' },
  { id: 'driving', text: 'How the car drives', area: 'product-driving', weight: 40, scaleMax: 10, negativeAtOrBelow: 3, department: 'sales', category: 'product' },
];

const row = (i) => ({ externalId: `bench-${i}`, respondedAt: '2026-11-19T12:00:00+01:00', name: `Customer ${i}`, email: `c${i}@example.nl`, wait: i % NEGATIVE_EVERY === 0 ? 2 : 8, comment: i % NEGATIVE_EVERY === 0 ? 'Waited too long' : '', driving: 9 });

export async function writeCsv(file, dealerId, rows) {
  const out = createWriteStream(file);
  out.write('externalId,dealerId,respondedAt,customerName,customerEmail,score:reception-wait,comment:reception-wait,score:driving\n');
  for (let i = 0; i < rows; i++) {
    const r = row(i);
    if (!out.write(`${r.externalId},${dealerId},${r.respondedAt},${r.name},${r.email},${r.wait},${r.comment},${r.driving}\n`)) await new Promise((res) => out.once('drain', res));
  }
  out.end();
  await finished(out);
  return statSync(file).size;
}

/** A survey to import into and its CSV of `rows` rows, written before the clock starts. */
export async function prepareImport({ base, headers, dealerId, rows, file, tag }) {
  const auth = { ...headers, 'content-type': 'application/json' };
  const survey = await (await fetch(`${base}/api/surveys`, { method: 'POST', headers: auth, body: JSON.stringify({ name: `Bench ${tag}`, kind: 'after-sales', questions: QUESTIONS }) })).json();
  const bytes = await writeCsv(file, dealerId, rows);
  return { survey, bytes };
}

/**
 * Imports `rows` rows (prepared by prepareImport); rows/s and the server's RSS growth. With
 * `baseline`, the raw insert of the same rows too — only when nothing else writes: it holds
 * the writer for the whole transaction.
 */
export async function importBench({ db, base, headers, serverPid, dealerId, rows, file, tag, prepared, baseline = true }) {
  const { survey, bytes } = prepared ?? (await prepareImport({ base, headers, dealerId, rows, file, tag }));

  const rssBefore = rssMiB(serverPid);
  const sampler = rssSampler(serverPid);
  const t0 = performance.now();
  const report = await upload(`${base}/api/surveys/${survey.id}/import`, headers, file);
  const seconds = (performance.now() - t0) / 1000;
  const rssPeak = sampler.stop();
  if (report.imported !== rows) throw new Error(`imported ${report.imported} of ${rows}: ${JSON.stringify(report.errors.slice(0, 3))}`);

  const baselineSeconds = baseline ? await rawInsert(db, survey.id, dealerId, rows) : null;
  return {
    surveyId: survey.id, rows, fileMiB: +(bytes / 1048576).toFixed(1), ticketsOpened: report.ticketsOpened, seconds: +seconds.toFixed(1),
    rowsPerSecond: Math.round(rows / seconds), baselineRowsPerSecond: baselineSeconds ? Math.round(rows / baselineSeconds) : null,
    rssBeforeMiB: rssBefore, rssPeakMiB: rssPeak, rssGrowthMiB: +(rssPeak - rssBefore).toFixed(1),
  };
}

/** The same rows by hand in one transaction, then rolled back; seconds. */
export async function rawInsert(db, surveyId, dealerId, rows) {
  const raw = await openRaw(db);
  try {
    const t0 = performance.now();
    await raw.all('BEGIN');
    const now = raw.ts(new Date());
    for (let i = 0; i < rows; i++) {
      const r = row(i);
      const id = randomUUID();
      const respondedAt = raw.ts(new Date(r.respondedAt));
      const answers = [{ questionId: 'reception-wait', score: r.wait, comment: r.comment || undefined }, { questionId: 'driving', score: r.driving }];
      await raw.all(
        'INSERT INTO survey_responses (id, "surveyId", "externalId", "dealerId", "customerId", "respondedAt", answers, "bodyHash", negative, "ticketId", "ticketRef", "createdAt") VALUES (?,?,?,?,NULL,?,?,?,?,NULL,NULL,?)',
        [id, surveyId, `raw-${r.externalId}`, dealerId, respondedAt, JSON.stringify(answers), createHash('sha256').update(JSON.stringify(r)).digest('hex'), r.wait <= 4, now],
      );
      for (const [k, q] of QUESTIONS.entries()) {
        await raw.all('INSERT INTO survey_answers ("responseId", "dealerId", "respondedAt", "questionId", area, weight, score, "scaleMax") VALUES (?,?,?,?,?,?,?,?)', [id, dealerId, respondedAt, q.id, q.area, q.weight, answers[k].score, q.scaleMax]);
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    await raw.all('ROLLBACK');
    return seconds;
  } finally {
    await raw.close();
  }
}

/** node:http rather than fetch: a long import must not meet fetch's five-minute header timeout. */
function upload(url, headers, file) {
  const boundary = `----amends${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="responses.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* parts() {
    yield head;
    for await (const chunk of createReadStream(file)) yield chunk;
    yield tail;
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`import answered ${res.statusCode}: ${text.slice(0, 300)}`))));
    });
    req.on('error', reject);
    Readable.from(parts()).pipe(req);
  });
}
