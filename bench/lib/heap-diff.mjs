/**
 * What grew between two V8 heap snapshots (.heapsnapshot files, as node's
 * --heapsnapshot-signal writes them): objects and bytes per constructor, largest growth
 * first. Self sizes, not retained sizes (those need the dominator tree): a growing
 * constructor here is where to look, its retainers are in the snapshot (Chrome DevTools,
 * Memory tab, "Comparison").
 *
 *   node bench/lib/heap-diff.mjs first.heapsnapshot second.heapsnapshot [top=15]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Objects and self bytes per "type:name" (for objects the name is the constructor). */
export function summarise(snapshot) {
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const width = fields.length;
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const { nodes, strings } = snapshot;
  const by = new Map();
  for (let i = 0; i < nodes.length; i += width) {
    const t = types[nodes[i + type]];
    // Strings and numbers are named by their value: group them by type alone.
    const key = t === 'object' || t === 'closure' || t === 'native' ? `${t}:${strings[nodes[i + name]]}` : t;
    const e = by.get(key) ?? { count: 0, bytes: 0 };
    e.count++;
    e.bytes += nodes[i + size];
    by.set(key, e);
  }
  return by;
}

/** Rows of growth from `a` to `b` (Maps from summarise), most bytes first. */
export function growth(a, b, top = 15) {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys]
    .map((k) => {
      const x = a.get(k) ?? { count: 0, bytes: 0 };
      const y = b.get(k) ?? { count: 0, bytes: 0 };
      return { what: k, countGrowth: y.count - x.count, kbGrowth: +((y.bytes - x.bytes) / 1024).toFixed(1), countAfter: y.count };
    })
    .sort((p, q) => q.kbGrowth - p.kbGrowth)
    .slice(0, top);
}

export function diffFiles(first, second, top = 15) {
  const load = (f) => summarise(JSON.parse(readFileSync(f, 'utf8')));
  return growth(load(first), load(second), top);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [first, second, top] = process.argv.slice(2);
  console.table(diffFiles(first, second, Number(top ?? 15)));
}
