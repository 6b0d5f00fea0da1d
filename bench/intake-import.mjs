/**
 * The intake and import rows of the main run alone, on a fresh fill (for A/B of two builds,
 * run from each build's directory one after the other):
 *
 *   npm run build && node bench/intake-import.mjs [tickets] [seconds] [importRows] [--stall] [--cpu-prof dir]
 *
 * Intake: POST /api/tickets at 50 connections for the main run's body, against the statements
 * of one intake replayed by hand (lib/replay.mjs). Import: the CSV import alone (or, with
 * --stall, beside 10 connections posting intakes as in the main run's stall) against the raw
 * single-transaction insert of the same rows. `--cpu-prof dir` profiles the server.
 */
import { intakeBody } from './lib/intake-body.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fill } from './fill.mjs';
import { importBench, prepareImport, rawInsert } from './lib/import.mjs';
import { get, settle, startLoad, throughput } from './lib/load.mjs';
import { capturePlans } from './lib/plans.mjs';
import { openRaw } from './lib/raw-db.mjs';
import { replayOnce, replayPlan, replayRate } from './lib/replay.mjs';
import { prepareDatabase, signIn, startServer } from './lib/server.mjs';
import { smtpCapture } from './lib/smtp.mjs';

const args = process.argv.slice(2);
const flagAt = args.indexOf('--cpu-prof');
const profDir = flagAt >= 0 ? resolve(args.splice(flagAt, 2)[1]) : null;
const stallMode = args.includes('--stall');
const [size = 10000, seconds = 5, importRows = 10000] = args.filter((a) => !a.startsWith('--')).map(Number);

const dir = mkdtempSync(join(tmpdir(), 'amends-intake-import-'));
const db = { kind: 'sqlite', path: join(dir, 'bench.sqlite') };
const smtp = await smtpCapture();
const env = { WEB_CONCURRENCY: '1', SCHEDULER: 'true', SWEEP_INTERVAL_SECONDS: '3600', OUTBOX_INTERVAL_SECONDS: '1', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), ...(profDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profDir}` } : {}) };
const port = 5000 + Math.floor(Math.random() * 800);
const out = { size, seconds, importRows };
try {
  prepareDatabase(db);
  await fill(db, size);
  let server = await startServer(db, port, env);
  let headers = await signIn(server.base);
  const dealer = JSON.parse(await get(`${server.base}/api/dealers`, headers)).find((d) => d.country === 'nl' && d.name === 'Autohuis Utrecht');
  const body = intakeBody(dealer);

  const intake = () => ({ url: `${server.base}/api/tickets`, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
  await throughput(intake(), 2); // warm-up
  await settle(`${server.base}/api/tickets?limit=1`, headers);
  out.intake = await throughput(intake(), seconds);
  await settle(`${server.base}/api/tickets?limit=1`, headers);
  const prepared = await prepareImport({ base: server.base, headers, dealerId: dealer.id, rows: importRows, file: join(dir, 'responses.csv'), tag: 'ab' });
  let stall = null;
  if (stallMode) {
    stall = startLoad(intake(), 10);
    await new Promise((r) => setTimeout(r, 1000));
  }
  out.import = await importBench({ db, base: server.base, headers, serverPid: server.child.pid, dealerId: dealer.id, rows: importRows, file: join(dir, 'responses.csv'), tag: 'ab', prepared, baseline: false });
  if (stall) out.stallIntake = await stall.stop();
  await server.stop();
  const raw = await openRaw(db);
  try {
    out.import.baselineRowsPerSecond = Math.round(importRows / (await rawInsert(db, out.import.surveyId, dealer.id, importRows)));
    const captured = await capturePlans(db, [{ name: 'intake', method: 'POST', path: () => '/api/tickets', body: JSON.parse(body) }]);
    const plan = replayPlan(captured.queries.intake);
    for (let i = 0; i < 20; i++) await replayOnce(raw, plan);
    out.intakeReplay = await replayRate(raw, plan, seconds);
    out.statements = captured.queries.intake.map((q) => q.sql.replace(/\s+/g, ' ').slice(0, 140));
  } finally {
    await raw.close();
  }
  out.intakeRatio = +(out.intake.rps / out.intakeReplay.rps).toFixed(2);
  out.importRatio = +(out.import.rowsPerSecond / out.import.baselineRowsPerSecond).toFixed(2);
  console.log(JSON.stringify(out, null, 1));
} finally {
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
}
