/** Load from this process: autocannon for throughput, one connection for latency. */
import http from 'node:http';
import autocannon from 'autocannon';

export const CONNECTIONS = 50;

/** `connections` clients for `seconds`; requests/s and latency percentiles, errors counted. */
export function throughput(opts, seconds, connections = CONNECTIONS) {
  return new Promise((resolve, reject) => {
    autocannon({ connections, duration: seconds, ...opts }, (err, r) => {
      if (err) return reject(err);
      resolve({ rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx, requests: r.requests.total, statuses: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])) });
    });
  });
}

/** The median and p99 of `n` runs of `fn`, one at a time, in milliseconds. */
export async function latency(fn, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q) => +times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
  return { p50: at(0.5), p99: at(0.99), n };
}

/**
 * One request, its body read, with no client-side timeout: fetch gives up on headers after
 * 300 s, and a sweep or a two-year dashboard under the stall load may take longer on a busy
 * machine (that is a figure to report, not a crash). Throws on a non-2xx answer.
 */
export function request(method, url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => (res.statusCode >= 200 && res.statusCode < 300 ? resolve(body) : reject(new Error(`${method} ${url} answered ${res.statusCode}: ${body.slice(0, 200)}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/** One GET, its body read; throws on a non-2xx answer so a broken path cannot look fast. */
export function get(url, headers) {
  return request('GET', url, headers);
}

/** Waits (up to a minute) until `url` answers within 100 ms twice running: the backlog of a load run is served. */
export async function settle(url, headers) {
  let quick = 0;
  for (const end = Date.now() + 60_000; quick < 2 && Date.now() < end; ) {
    const t = performance.now();
    await get(url, headers);
    quick = performance.now() - t < 100 ? quick + 1 : 0;
    if (quick < 2) await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Load that runs until stopped (at least `minSeconds`): `{ done, stop }`, `done` resolving
 * to throughput's figures. For load beside work whose length is not known in advance.
 */
export function startLoad(opts, connections = CONNECTIONS) {
  let instance;
  const done = new Promise((resolve, reject) => {
    instance = autocannon({ connections, duration: 3600, ...opts }, (err, r) => {
      if (err) return reject(err);
      resolve({ rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, errors: r.errors + r.timeouts + r.non2xx, requests: r.requests.total, statuses: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])) });
    });
  });
  return { done, stop: () => { instance.stop(); return done; } };
}
