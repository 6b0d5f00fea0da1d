/** The bench's table (each figure beside its baseline, the ratio and the target), plans and chart. */

const ratio = (a, b) => (a != null && b ? +(a / b).toFixed(2) : null);
const atLeast = (r, min) => r != null && r >= min;
const atMost = (r, max) => r != null && r <= max;
const n = (v) => (typeof v === 'number' ? v.toLocaleString('en') : v ?? '—');

/** One row per target of issue 9, from the largest size (growth compares the smallest and the largest). */
export function targetRows(runs) {
  const big = runs.at(-1);
  const small = runs[0];
  const rows = [];
  const add = (path, measure, figure, baselineName, baseline, r, target, met) => rows.push({ path, measure, figure, baselineName, baseline, ratio: r, target, met });
  // A path that answered nothing in the time given has no figure (and meets no target).
  const rps = (k) => (big[k].requests ? big[k].rps : null);
  const p99 = (k) => (big[k].requests ? big[k].p99 : null);
  add('POST /api/tickets (full payload, on-the-spot stages)', 'requests/s', rps('intake'), 'bare GET', rps('bare'), ratio(rps('intake'), rps('bare')), '≥ 0.25×', atLeast(ratio(rps('intake'), rps('bare')), 0.25));
  add('POST /api/tickets', 'p99 ms at 50 connections', p99('intake'), '', null, null, '≤ 50 ms', atMost(p99('intake'), 50));
  for (const [k, label] of [['queue0', '0 filters'], ['queue1', '1 filter'], ['queue3', '3 filters']]) {
    const lat = big[`${k}Latency`].p50;
    const base = big[`${k}Raw`].p50;
    add(`GET /api/tickets, ${label}`, 'median ms, one connection', lat, 'hand-written SQL, in-process', base, ratio(lat, base), '≤ 2×', atMost(ratio(lat, base), 2));
    add(`GET /api/tickets, ${label}`, 'p99 ms at 50 connections', p99(k), '', null, null, '≤ 50 ms', atMost(p99(k), 50));
  }
  add('queue page (HTML)', 'requests/s', rps('queuePage'), 'GET /api/tickets?openOnly=true', rps('queueOpen'), ratio(rps('queuePage'), rps('queueOpen')), '≥ 0.5×', atLeast(ratio(rps('queuePage'), rps('queueOpen')), 0.5));
  add('GET /api/tickets/:ref (50-event timeline)', 'requests/s', rps('ticket'), 'bare GET', rps('bare'), ratio(rps('ticket'), rps('bare')), '≥ 0.4×', atLeast(ratio(rps('ticket'), rps('bare')), 0.4));
  add(`SLA sweep, ${n(big.sweep.due)} timers due`, 'ms', big.sweep.ms, 'raw indexed select of the due timers', big.sweepRawSelect.p50, ratio(big.sweep.ms, big.sweepRawSelect.p50), '≤ 3×', atMost(ratio(big.sweep.ms, big.sweepRawSelect.p50), 3));
  add('SLA sweep, idle', 'median ms (HTTP round trip)', big.sweepIdle.p50, '', null, null, '≤ 5 ms', big.sweepIdle.p50 <= 5);
  if (big.import) {
    const imp = big.import;
    add(`CSV import of ${n(imp.rows)} rows`, 'rows/s', imp.rowsPerSecond, 'raw single-transaction insert', imp.baselineRowsPerSecond, ratio(imp.rowsPerSecond, imp.baselineRowsPerSecond), '≥ 0.25×', atLeast(ratio(imp.rowsPerSecond, imp.baselineRowsPerSecond), 0.25));
    add(`memory while importing ${n(imp.rows)} rows`, 'RSS growth MiB', imp.rssGrowthMiB, '', null, null, '≤ 100 MB', imp.rssGrowthMiB <= 100);
  }
  if (runs.length > 1) {
    add(`growth ${n(small.size)} → ${n(big.size)}`, 'queue p50 ratio', big.queue0Latency.p50, `p50 at ${n(small.size)}`, small.queue0Latency.p50, ratio(big.queue0Latency.p50, small.queue0Latency.p50), '≤ 1.5×', atMost(ratio(big.queue0Latency.p50, small.queue0Latency.p50), 1.5));
  }
  add('memory under load', 'peak RSS MiB', big.rssUnderLoadMiB, '', null, null, '≤ 300 MB', big.rssUnderLoadMiB <= 300);
  return rows;
}

export function report(runs, engine = 'SQLite') {
  const big = runs.at(-1);
  const rows = targetRows(runs);
  const table = [
    `Tickets: ${n(big.size)} (${engine}, 50 connections). Figures of every size: bench/results/latest*.json.`,
    '',
    '| path | measure | figure | baseline | baseline figure | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.path} | ${r.measure} | ${n(r.figure)} | ${r.baselineName || '—'} | ${n(r.baseline)} | ${r.ratio == null ? '—' : `${r.ratio}×`} | ${r.target} | ${r.met ? 'yes' : '**no**'} |`),
    '',
    '| tickets | fill s | bare req/s | queue req/s (0/1/3 filters) | queue p50 ms 1 conn (SQL by hand) | page req/s | ticket req/s | intake req/s, p99 ms | sweep ms (select ms) | RSS MiB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map((r) => `| ${n(r.size)} | ${r.fillSeconds} | ${n(r.bare.rps)} | ${n(r.queue0.rps)} / ${n(r.queue1.rps)} / ${n(r.queue3.rps)} | ${r.queue0Latency.p50} (${r.queue0Raw.p50}) | ${n(r.queuePage.rps)} | ${n(r.ticket.rps)} | ${n(r.intake.rps)}, ${r.intake.p99} | ${r.sweep.ms} (${r.sweepRawSelect.p50}) | ${r.rssUnderLoadMiB} |`),
    '',
  ].join('\n');
  const errors = runs.flatMap((r) => Object.entries(r).filter(([, v]) => v && typeof v === 'object' && v.errors).map(([k, v]) => `${n(r.size)} ${k}: ${v.errors} errors of ${v.requests}`));
  const markdown = table + (errors.length ? `\nErrors: ${errors.join('; ')}\n` : '\nErrors: none.\n');
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
