import { createHash } from 'node:crypto';

/** How long a key's first answer is kept (and the key held), from the first request. */
export const KEEP_MS = 24 * 3_600_000;

/** Visible ASCII, as most clients send a UUID or similar; long enough for any of them. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The header's key, or the problem with it; undefined when the header is absent. */
export function parseIdempotencyKey(raw: string | undefined): { key?: string; problem?: string } {
  if (raw === undefined) return {};
  if (!KEY_PATTERN.test(raw)) return { problem: 'Idempotency-Key must be 1 to 255 visible ASCII characters' };
  return { key: raw };
}

/** Canonical JSON (sorted keys, undefined left out), so the same request hashes the same however it is spelled. */
export function canonical(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a request is, for telling a replay from another request under the same key: route, its parameters and the body. */
export function requestHash(method: string, route: string, params: unknown, body: unknown): string {
  return createHash('sha256').update(`${method} ${route}\n${canonical(params)}\n${canonical(body)}`).digest('hex');
}

export interface KeptAnswer {
  requestHash: string;
  status: number | null;
  responseBody: string | null;
  expiresAt: Date;
}

export type Decision =
  /** No live answer under this key: the request goes ahead (and claims it). */
  | { kind: 'proceed' }
  /** The same request was answered: the same answer again (its body as kept, sealed). */
  | { kind: 'replay'; status: number; responseBody: string | null }
  /** The same request is being processed: wait for its answer. */
  | { kind: 'wait' }
  /** Another request under the same key. */
  | { kind: 'mismatch' };

/** What to do with a request, given what is kept under its key. */
export function decide(kept: KeptAnswer | null, hash: string, now: Date): Decision {
  if (!kept || kept.expiresAt.getTime() <= now.getTime()) return { kind: 'proceed' };
  if (kept.requestHash !== hash) return { kind: 'mismatch' };
  if (kept.status === null) return { kind: 'wait' };
  return { kind: 'replay', status: kept.status, responseBody: kept.responseBody };
}

/** Pauses between looks at a pending key: short at first, then a steady few per second, about `totalMs` in all. */
export function pollDelays(totalMs: number): number[] {
  const delays: number[] = [];
  let sum = 0;
  for (let d = 20; sum < totalMs; d = Math.min(d * 2, 250)) {
    delays.push(d);
    sum += d;
  }
  return delays;
}
