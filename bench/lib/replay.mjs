/**
 * The baseline of intake: the statements one real intake ran (captured from TypeORM), replayed
 * by hand on a plain connection, one transaction per ticket. Each replay gets fresh values
 * where the first had values that must be unique (the ids of inserted rows, the reference,
 * 64-hex token hashes); everything else — the returning customer's and vehicle's lookups, the
 * counter, the count triggers — runs as it did.
 */
import { randomBytes, randomUUID } from 'node:crypto';

const TRANSACTION = /^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SAVEPOINT|RELEASE)\b/i;
const REF = /^[A-Z]{2}-\d{4}-\d+$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** The statements to replay and the values each replay must renew. */
export function replayPlan(queries) {
  const statements = queries.filter((q) => !TRANSACTION.test(q.sql)).map((q) => ({ sql: q.sql, params: [...(q.params ?? [])] }));
  const fresh = new Map(); // old value → kind
  for (const { sql, params } of statements) {
    const insert = /^\s*INSERT INTO\s+"?\w+"?\s*\(([^)]*)\)\s*VALUES\s*(.*)$/is.exec(sql);
    if (!insert) continue;
    const columns = insert[1].split(',').map((c) => c.trim().replace(/"/g, ''));
    // TypeORM writes some values inline (numbers, NULL), so walk each row's values to pair
    // every `?` with its column.
    let at = 0;
    for (const row of insert[2].matchAll(/\(([^()]*)\)/g)) {
      row[1].split(',').forEach((value, k) => {
        // `?` on SQLite, `$n` on PostgreSQL.
        const numbered = /^\$(\d+)$/.exec(value.trim());
        if (value.trim() !== '?' && !numbered) return;
        const p = numbered ? params[Number(numbered[1]) - 1] : params[at++];
        if (typeof p !== 'string') return;
        if (columns[k] === 'id') fresh.set(p, 'id');
        else if (REF.test(p)) fresh.set(p, 'ref');
        else if (HEX64.test(p)) fresh.set(p, 'hex');
      });
    }
  }
  return { statements, fresh };
}

let serial = 0;

/** One ticket's statements in one transaction, with fresh unique values. */
export async function replayOnce(raw, { statements, fresh }) {
  const n = ++serial;
  const map = [...fresh].map(([old, kind]) => [old, kind === 'id' ? randomUUID() : kind === 'ref' ? `RP-${String(n).padStart(8, '0')}` : randomBytes(32).toString('hex')]);
  const renew = (p) => {
    if (typeof p !== 'string') return p;
    for (const [old, value] of map) if (p.includes(old)) p = p.replaceAll(old, value);
    return p;
  };
  await raw.all(raw.kind === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN');
  try {
    for (const s of statements) await raw.all(s.sql, s.params.map(renew));
    await raw.all('COMMIT');
  } catch (e) {
    await raw.all('ROLLBACK').catch(() => {});
    throw e;
  }
}

/** Tickets per second replayed one after another for `seconds`. */
export async function replayRate(raw, plan, seconds) {
  let done = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  while (performance.now() < end) {
    await replayOnce(raw, plan);
    done++;
  }
  return { rps: Math.round(done / ((performance.now() - t0) / 1000)), tickets: done, statements: plan.statements.length };
}
