/**
 * A survey CSV import of many rows, measured: rows per second and the server's peak
 * memory, beside a baseline measured in the same run (parsing the same file with
 * csv-parse alone, no database), and their ratio.
 *
 *   npm run bench:import                 # 100,000 rows
 *   npm run bench:import -- --rows 5000  # quicker
 *
 * The server is the built app (`npm run build` first; the npm script does it) in
 * production mode on a fresh SQLite file, in its own process; the CSV is generated on
 * the fly and streamed to it, so neither side holds the file in memory.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000;
const NEGATIVE_EVERY = 10;
const dir = mkdtempSync(join(tmpdir(), 'amends-bench-'));
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;

async function main() {
  const server = spawn(process.execPath, [...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), 'dist/src/main.js'], {
    env: { ...process.env, NODE_ENV: 'production', SEED_DEMO: 'true', PORT: String(port), HOST: '127.0.0.1', SQLITE_PATH: join(dir, 'bench.sqlite'), LOG_LEVEL: 'warn', SCHEDULER: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitReady();
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.test', password: 'demo-password' }) });
    const { csrfToken } = (await login.json());
    const cookie = login.headers.get('set-cookie').split(';')[0];
    const auth = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const dealers = (await (await fetch(`${base}/api/dealers`, { headers: auth })).json());
    const dealerId = dealers.find((d) => d.country === 'nl').id;
    const survey = (await (await fetch(`${base}/api/surveys`, {
      method: 'POST', headers: auth,
      body: JSON.stringify({ name: 'Bench', kind: 'after-sales', questions: [
        { id: 'reception-wait', text: 'Waiting time at reception', area: 'workshop-service', weight: 20, scaleMax: 10, negativeAtOrBelow: 4, department: 'service', category: 'waiting-time' },
        { id: 'driving', text: 'How the car drives', area: 'product-driving', weight: 40, scaleMax: 10, negativeAtOrBelow: 3, department: 'sales', category: 'product' },
      ] }),
    })).json());

    const file = join(dir, 'responses.csv');
    await writeCsv(file, dealerId);
    const bytes = statSync(file).size;

    // Baseline: the same file through csv-parse alone.
    const t0 = performance.now();
    let parsed = 0;
    for await (const _ of createReadStream(file).pipe(parse({ columns: true }))) parsed++;
    const baselineSeconds = (performance.now() - t0) / 1000;

    const multipart = multipartBody(file);
    const t1 = performance.now();
    // node:http rather than fetch: a long import must not meet fetch's five-minute header timeout.
    const report = await new Promise((resolve, reject) => {
      const req = request(`${base}/api/surveys/${survey.id}/import`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': `multipart/form-data; boundary=${multipart.boundary}` },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`import answered ${res.statusCode}: ${text.slice(0, 300)}`))));
      });
      req.on('error', reject);
      Readable.fromWeb(multipart.stream).pipe(req);
    });
    const importSeconds = (performance.now() - t1) / 1000;
    const peakKiB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0);

    const result = {
      rows: ROWS,
      fileMiB: +(bytes / 1048576).toFixed(1),
      imported: report.imported,
      ticketsOpened: report.ticketsOpened,
      errors: report.errors.length,
      importSeconds: +importSeconds.toFixed(1),
      importRowsPerSecond: Math.round(ROWS / importSeconds),
      baselineParseRowsPerSecond: Math.round(parsed / baselineSeconds),
      ratioImportToParse: +((ROWS / importSeconds) / (parsed / baselineSeconds)).toFixed(4),
      serverPeakRssMiB: +(peakKiB / 1024).toFixed(0),
    };
    console.table(result);
    writeFileSync(join('bench', 'survey-import.result.json'), JSON.stringify(result, null, 2) + '\n');
    if (report.imported !== ROWS) throw new Error(`imported ${report.imported} of ${ROWS}`);
  } finally {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitReady() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not become ready');
}

async function writeCsv(file, dealerId) {
  const out = createWriteStream(file);
  out.write('externalId,dealerId,respondedAt,customerName,customerEmail,score:reception-wait,comment:reception-wait,score:driving\n');
  for (let i = 0; i < ROWS; i++) {
    const negative = i % NEGATIVE_EVERY === 0;
    const line = `bench-${i},${dealerId},2026-11-19T12:00:00+01:00,Customer ${i},c${i}@example.nl,${negative ? 2 : 8},${negative ? 'Waited too long' : ''},9\n`;
    if (!out.write(line)) await new Promise((r) => out.once('drain', r));
  }
  out.end();
  await finished(out);
}

function multipartBody(file) {
  const boundary = `----amends${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="responses.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* parts() {
    yield head;
    for await (const chunk of createReadStream(file)) yield chunk;
    yield tail;
  }
  return { boundary, stream: ReadableStream.from(parts()) };
}

await main();
