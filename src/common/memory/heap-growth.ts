import { setFlagsFromString } from 'node:v8';

const FLAG = '--heap-growing-percent';

/** The V8 flag for a growing percent; none for 0 (V8's own heuristics). */
export function heapGrowingFlag(percent: number): string | null {
  return percent > 0 ? `${FLAG}=${percent}` : null;
}

/**
 * Caps how far V8 lets the old generation grow past the heap that survived its last full
 * collection. Under load every request in flight lives through a few young collections and is
 * promoted; V8 then raises the next limit up to four times the live heap, so a worker with
 * 60 MB live swung between 60 and 210 MB of old space, its RSS past 300 MB (issue 15). Twice
 * the live heap costs no measurable throughput. V8 reads the flag each time it sets the next
 * limit, so setting it at start-up takes effect from the next collection on; a
 * --heap-growing-percent given to node itself wins. The flag applied, or null.
 */
export function applyHeapGrowth(percent: number, execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): string | null {
  if (execArgv.some((a) => a.startsWith(FLAG)) || nodeOptions.includes(FLAG)) return null;
  const flag = heapGrowingFlag(percent);
  if (flag) setFlagsFromString(flag);
  return flag;
}
