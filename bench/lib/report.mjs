/** The bench's table (each figure beside its baseline, the ratio and the target), plans and chart. */

const ratio = (a, b) => (a != null && b ? +(a / b).toFixed(2) : null);
const atLeast = (r, min) => r != null && r >= min;
const atMost = (r, max) => r != null && r <= max;
const n = (v) => (typeof v === 'number' ? v.toLocaleString('en') : v ?? '—');

/**
 * One row per target of issue 15, from the largest size (growth compares the smallest and the
 * largest). Two rows of issue 9 are kept where issue 15 has none: the import against a raw
 * insert, and the queue's median from the smallest to the largest size.
 */
export function targetRows(runs, loadTest = null) {
  const big = runs.at(-1);
  const small = runs[0];
  const rows = [];
  const add = (path, measure, figure, baselineName, baseline, r, target, met) => rows.push({ path, measure, figure, baselineName, baseline, ratio: r, target, met });
  // A path that answered nothing in the time given has no figure (and meets no target).
  const rps = (x) => (x?.requests ? x.rps : null);
  const p99 = (x) => (x?.requests ? x.p99 : null);

  const intake = ratio(rps(big.intake), big.intakeReplay.rps);
  add('intake, returning customer and vehicle, 50 connections', 'requests/s', rps(big.intake), 'its statements replayed raw, one transaction per ticket (tickets/s)', big.intakeReplay.rps, intake, '≥ 0.5×', atLeast(intake, 0.5));
  if (runs.length > 1) {
    const g = ratio(rps(big.intake), rps(small.intake));
    add(`intake growth ${n(small.size)} → ${n(big.size)}`, 'requests/s', rps(big.intake), `requests/s at ${n(small.size)}`, rps(small.intake), g, '≥ 0.8', atLeast(g, 0.8));
  }
  const m = big.mixed;
  const mi = ratio(rps(m.intake), rps(big.intakeAlone));
  add('mixed: 10 posting intakes + 40 reading (queue, ticket, page)', 'intake requests/s', rps(m.intake), 'the same 10 posting intakes alone', rps(big.intakeAlone), mi, '≥ 0.5×', atLeast(mi, 0.5));
  add('mixed', 'intake p99 ms', p99(m.intake), 'intake alone p99 ms', p99(big.intakeAlone), ratio(p99(m.intake), p99(big.intakeAlone)), '≤ 300 ms', atMost(p99(m.intake), 300));
  add('mixed', 'reads p99 ms', p99(m.reads), '', null, null, '≤ 200 ms', atMost(p99(m.reads), 200));
  const mixedErrors = m.intake.errors + m.reads.errors;
  add('mixed', 'errors (non-2xx, timeouts)', mixedErrors, '', null, null, '0', mixedErrors === 0);
  for (const [k, label] of [['queue0', '0 filters'], ['queue1', '1 filter'], ['queue3', '3 filters']]) {
    const lat = big[`${k}Latency`].p50;
    const base = big[`${k}Raw`].p50;
    add(`queue JSON, ${label}`, 'median ms, one connection', lat, 'hand-written SQL, in-process', base, ratio(lat, base), '≤ 2×', atMost(ratio(lat, base), 2));
  }
  const page = ratio(rps(big.queuePage), rps(big.queueOpen));
  add('queue page (HTML), 50 connections', 'requests/s', rps(big.queuePage), 'queue JSON of the same queue (openOnly=true)', rps(big.queueOpen), page, '≥ 0.6×', atLeast(page, 0.6));
  for (const [k, label] of [['common', 'a word in every account'], ['rare', 'a rare word']]) {
    const s = big.search[k];
    const r = ratio(s.app.p50, s.byHand.p50);
    add(`queue with q=${s.q} (${label})`, 'median ms, one connection', s.app.p50, 'the same page by hand through the full-text index', s.byHand.p50, r, '≤ 3×, and ≤ 50 ms at 1 M', atMost(r, 3) && s.app.p50 <= 50);
  }
  const ticket = ratio(rps(big.ticket), rps(big.bare));
  add('ticket with 50 events, 50 connections', 'requests/s', rps(big.ticket), 'bare GET (/health/live)', rps(big.bare), ticket, '≥ 0.35×', atLeast(ticket, 0.35));
  const sweep = ratio(big.sweep.ms, big.sweepRawSelect.p50);
  add(`sweep, ${n(big.sweep.due)} due of ${n(big.size)}`, 'ms', big.sweep.ms, 'raw indexed select of the due timers', big.sweepRawSelect.p50, sweep, '≤ 15×', atMost(sweep, 15));
  const stall = ratio(p99(big.stall.intake), p99(big.stallAlone));
  add(`longest stall: intake (10 connections) while a sweep of ${n(big.stallDue)}, an import of ${n(big.import.rows)} rows and 5 dashboards run`, 'intake p99 ms', p99(big.stall.intake), 'intake alone p99 ms', p99(big.stallAlone), stall, 'p99 ≤ 3×', atMost(stall, 3));
  const workers = ratio(rps(big.reads2), rps(big.reads1));
  add('reads (queue, ticket, page), 50 connections', 'requests/s, WEB_CONCURRENCY=2', rps(big.reads2), 'WEB_CONCURRENCY=1', rps(big.reads1), workers, '≥ 1.6×', atLeast(workers, 1.6));
  // The longest write transaction of any measured phase, per size (runs from before the measure have none).
  for (const r of runs) {
    const worst = longestHold(r);
    if (worst) add(`longest write transaction at ${n(r.size)} (phases: ${Object.keys(r.writerHolds).join(', ')})`, 'ms held, BEGIN to COMMIT', worst.longestMs, `${worst.label} (${worst.phase})`, null, null, '≤ 50 ms', atMost(worst.longestMs, 50));
  }
  const rss = Math.max(...runs.map((r) => r.peakRssMiB));
  add('peak RSS per worker under load (every size)', 'MiB', rss, '', null, null, '≤ 300 MB', atMost(rss, 300));
  if (loadTest) {
    const worst = Math.max(loadTest.rss.secondHalfSlopeMbPerMin, ...(loadTest.rss.perWorker?.length > 1 ? loadTest.rss.perWorker.map((w) => w.secondHalfSlopeMbPerMin) : []));
    add(`RSS slope, second half of npm run test:load (${loadTest.minutes} min, ${loadTest.rss.perWorker?.length ?? 1} worker(s)${loadTest.heapSnapshots ? ', with heap snapshots: indicative' : ''})`, 'MB/min', worst, '', null, null, '≤ 2 MB/min', atMost(worst, 2));
  } else {
    add('RSS slope, second half of npm run test:load', 'MB/min', null, 'not in this run: npm run test:load -- --json bench/results/load-latest.json', null, null, '≤ 2 MB/min', false);
  }
  add('intake receipt mail delivered during the mixed load (outbox → SMTP)', `p99 s (${n(big.mail.delivered)} of ${n(big.mail.mails)} within ${big.mail.waitedSeconds} s)`, big.mail.mails === 0 ? 'no mail queued (no intake answered)' : big.mail.p99Seconds ?? 'not all delivered', '', null, null, '≤ 15 s', big.mail.p99Seconds != null && big.mail.p99Seconds <= 15);
  // Kept from issue 9.
  const imp = big.import;
  const importRatio = ratio(imp.rowsPerSecond, imp.baselineRowsPerSecond);
  add(`CSV import of ${n(imp.rows)} rows (during the stall)`, 'rows/s', imp.rowsPerSecond, 'raw single-transaction insert', imp.baselineRowsPerSecond, importRatio, '≥ 0.25× (issue 9)', atLeast(importRatio, 0.25));
  if (runs.length > 1) {
    const g = ratio(big.queue0Latency.p50, small.queue0Latency.p50);
    add(`queue growth ${n(small.size)} → ${n(big.size)}`, 'median ms, one connection', big.queue0Latency.p50, `median at ${n(small.size)}`, small.queue0Latency.p50, g, '≤ 1.5× (issue 9)', atMost(g, 1.5));
  }
  return rows;
}

/** The longest hold of a run, over its phases, with the phase it was in. */
function longestHold(run) {
  const phases = Object.entries(run.writerHolds ?? {});
  if (!phases.length) return null;
  return phases.map(([phase, h]) => ({ phase, ...h })).sort((a, b) => b.longestMs - a.longestMs)[0];
}

/** Per size and phase: the longest hold and what it was, and the longest of each kind. */
function holdsTable(runs) {
  const rows = runs.flatMap((r) => Object.entries(r.writerHolds ?? {}).map(([phase, h]) => `| ${n(r.size)} | ${phase} | ${h.longestMs}${h.statementsMs == null ? '' : ` (${h.statementsMs} in statements)`} | ${h.label ?? '—'} | ${n(h.transactions)} | ${h.byLabel.map((l) => `${l.label} ×${n(l.count)} ≤ ${l.maxMs}`).join('; ')} |`));
  if (!rows.length) return '';
  return ['', 'Longest write transactions (the writer held from BEGIN IMMEDIATE to COMMIT), per phase:', '', '| tickets | phase | longest ms | what | transactions | longest of each kind (count ≤ ms) |', '| --- | --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
}

/** Per size and phase: the highest worker RSS and its parts. */
function rssTable(runs) {
  const rows = runs.flatMap((r) => Object.entries(r.rssByPhase ?? {}).map(([phase, v]) => `| ${n(r.size)} | ${phase} | ${v.rss} | ${v.anon} | ${v.file} | ${v.threads} |`));
  if (!rows.length) return '';
  return ['', 'Peak RSS of a worker per phase (MiB; anonymous: V8 heap, SQLite page caches, malloc; file-backed: code and mapped files):', '', '| tickets | phase | RSS | anonymous | file-backed | threads |', '| --- | --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
}

export function report(runs, engine = 'SQLite', loadTest = null) {
  const big = runs.at(-1);
  const rows = targetRows(runs, loadTest);
  const table = [
    `Tickets: ${n(big.size)} (${engine}; 50 connections unless said; ${big.secondsPerFigure} s per figure). Sizes in this run: ${runs.map((r) => n(r.size)).join(', ')}; every figure of every size: the .json beside this file.`,
    '',
    '| path | measure | figure | baseline | baseline figure | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.path} | ${r.measure} | ${n(r.figure)} | ${r.baselineName || '—'} | ${n(r.baseline)} | ${r.ratio == null ? '—' : `${r.ratio}×`} | ${r.target} | ${r.met ? 'yes' : '**no**'} |`),
    '',
    'Every size:',
    '',
    '| tickets | fill s | bare req/s | queue req/s (0/1/3 filters) | queue p50 ms 1 conn (by hand) | q= p50 ms common / rare (by hand) | page req/s (JSON) | ticket req/s | intake req/s, p99 ms (replayed/s) | mixed intake req/s, p99 / reads p99 ms | mail p99 s | sweep ms (select ms) | stall p99 ms (alone) | reads 1 → 2 workers req/s | peak RSS MiB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map((r) => `| ${n(r.size)} | ${r.fillSeconds} | ${n(r.bare.rps)} | ${n(r.queue0.rps)} / ${n(r.queue1.rps)} / ${n(r.queue3.rps)} | ${r.queue0Latency.p50} (${r.queue0Raw.p50}) | ${r.search.common.app.p50} (${r.search.common.byHand.p50}) / ${r.search.rare.app.p50} (${r.search.rare.byHand.p50}) | ${n(r.queuePage.rps)} (${n(r.queueOpen.rps)}) | ${n(r.ticket.rps)} | ${n(r.intake.rps)}, ${n(r.intake.p99)} (${n(r.intakeReplay.rps)}) | ${n(r.mixed.intake.rps)}, ${n(r.mixed.intake.p99)} / ${n(r.mixed.reads.p99)} | ${r.mail.mails === 0 ? 'no mails' : r.mail.p99Seconds ?? 'not all'} | ${r.sweep.ms} (${r.sweepRawSelect.p50}) | ${n(r.stall.intake.p99)} (${n(r.stallAlone.p99)}) | ${n(r.reads1.rps)} → ${n(r.reads2.rps)} | ${r.peakRssMiB} |`),
    '',
  ].join('\n');
  const errors = runs.flatMap((r) => Object.entries({ ...r, mixedIntake: r.mixed.intake, mixedReads: r.mixed.reads, stallIntake: r.stall.intake }).filter(([, v]) => v && typeof v === 'object' && v.errors).map(([k, v]) => `${n(r.size)} ${k}: ${v.errors} errors of ${v.requests} (${JSON.stringify(v.statuses)})`));
  const markdown = table + holdsTable(runs) + rssTable(runs) + (errors.length ? `\nErrors: ${errors.join('; ')}\n` : '\nErrors: none.\n');
  const plansText = big.plans
    .map((p) => `[${p.path}]${p.fullScans.length ? ' FULL SCAN' : ''} ${p.sql.slice(0, 160)}${p.sql.length > 160 ? '…' : ''}\n    ${p.plan.join('\n    ')}`)
    .join('\n');
  return { markdown, rows, plansText };
}

/** Queue latency (one connection, median) against ticket count, log scale, as SVG. */
export function chart(runs) {
  const w = 560, h = 300, pad = 50;
  const xs = runs.map((r) => Math.log10(r.size));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const series = [['queue0Latency', '#1f5fa8', 'GET /api/tickets'], ['queue0Raw', '#999', 'hand-written SQL']];
  const max = Math.max(1, ...runs.flatMap((r) => series.map(([k]) => r[k].p50))) * 1.15;
  const x = (v) => pad + (x1 > x0 ? ((v - x0) / (x1 - x0)) * (w - 2 * pad) : (w - 2 * pad) / 2);
  const y = (v) => h - pad - (v / max) * (h - 2 * pad);
  const lines = series.map(([k, color, label], i) => {
    const pts = runs.map((r, j) => [x(xs[j]), y(r[k].p50)]);
    return `<polyline points="${pts.map((p) => p.join(',')).join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`
      + pts.map(([px, py], j) => `<circle cx="${px}" cy="${py}" r="3" fill="${color}"/><text x="${px + 5}" y="${py - 6}" font-size="11" fill="${color}">${runs[j][k].p50} ms</text>`).join('')
      + `<text x="${pad + 10}" y="${pad - 18 + i * 14}" font-size="12" fill="${color}">— ${label}</text>`;
  }).join('');
  const ticks = runs.map((r, j) => `<text x="${x(xs[j])}" y="${h - pad + 18}" text-anchor="middle" font-size="11">${n(r.size)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif"><rect width="100%" height="100%" fill="white"/>`
    + `<text x="${w / 2}" y="18" text-anchor="middle" font-size="14">Queue page latency (median, one connection) by ticket count</text>`
    + `<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#555"/><line x1="${pad}" y1="${pad - 10}" x2="${pad}" y2="${h - pad}" stroke="#555"/>`
    + `<text x="${w / 2}" y="${h - 10}" text-anchor="middle" font-size="11">tickets (log scale)</text><text x="14" y="${h / 2}" font-size="11" transform="rotate(-90 14 ${h / 2})" text-anchor="middle">ms</text>`
    + lines + ticks + '</svg>\n';
}
