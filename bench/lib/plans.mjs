/**
 * The statements each hot path really runs, captured from TypeORM in an app started in
 * this process on the bench database, with their plans (EXPLAIN QUERY PLAN on SQLite,
 * EXPLAIN on PostgreSQL). A step that reads a whole growing table is flagged (dealers,
 * users and policies are small and stay so). Also every statement of each path, with its
 * parameters (`queries`), for a baseline that replays them by hand.
 */
import { createServer } from 'node:net';
import { appEnv, signIn } from './server.mjs';

export async function capturePlans(db, paths) {
  const { loadConfig } = await import('../../dist/src/config/app-config.js');
  const { createApp } = await import('../../dist/src/app.factory.js');
  const { captureQueries, explain, fullScans, GROWING_TABLES, isRead, reads } = await import('../../dist/src/common/database/query-plans.js');
  const { DataSource } = await import('typeorm');
  const port = await freePort();
  const app = await createApp(loadConfig({ ...appEnv(db, port), LOG_LEVEL: 'silent' }), { seed: false });
  await app.listen(port, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const dataSource = app.get(DataSource);
  const out = [];
  const all = {};
  try {
    const headers = await signIn(base);
    for (const { name, method = 'GET', path, body } of paths) {
      const queries = await captureQueries(dataSource, async () => {
        const res = await fetch(base + path(), { method, headers: { ...headers, 'content-type': 'application/json', accept: path().startsWith('/api') ? 'application/json' : 'text/html' }, body: body ? JSON.stringify(body) : undefined });
        await res.text();
        if (!res.ok) throw new Error(`${method} ${path()} answered ${res.status}`);
      });
      all[name] = queries;
      for (const q of queries.filter(isRead)) {
        const plan = await explain(dataSource, q);
        out.push({ path: name, sql: q.sql.replace(/\s+/g, ' '), plan, fullScans: reads(q, GROWING_TABLES) ? fullScans(plan) : [] });
      }
    }
  } finally {
    await app.close();
  }
  return { plans: out, queries: all };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}
