import autocannon from 'autocannon';
import { signIn } from './lib/server.mjs';
const base = process.argv[2];
const headers = await signIn(base);
const r = await autocannon({ url: base + process.argv[3], headers, connections: Number(process.argv[4] ?? 50), duration: Number(process.argv[5] ?? 5) });
console.log(process.argv[3], 'rps', r.requests.average, 'p50', r.latency.p50, 'p99', r.latency.p99, r.statusCodeStats);
