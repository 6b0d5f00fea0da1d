// Sizes libuv's thread pool before Node creates it. It is preloaded (`node -r ./src/thread-pool.cjs`,
// as `npm start` does) because the pool is created on first use and, for an ES-module entry point,
// Node's own loader uses it to read the modules: a line at the top of main.ts runs too late.
// Password hashing (argon2) and SQLite (sqlite3) both run on this pool: it holds every hash the
// sign-in may run at once (LOGIN_MAX_CONCURRENT_HASHES) plus 4 threads that hashing never takes,
// so a flood of sign-ins cannot starve the database. An explicit UV_THREADPOOL_SIZE wins.
'use strict';

const { availableParallelism } = require('node:os');

// LOGIN_MAX_CONCURRENT_HASHES's default, as in app-config.ts: half the cores, at least one.
const DEFAULT_HASHES = Math.max(1, Math.floor(availableParallelism() / 2));
const FOR_THE_REST = 4;

/** The pool size for an environment (libuv caps it at 1024). */
function threadPoolSize(env) {
  const explicit = Number(env.UV_THREADPOOL_SIZE);
  if (env.UV_THREADPOOL_SIZE && Number.isInteger(explicit) && explicit > 0) return explicit;
  const hashes = Number(env.LOGIN_MAX_CONCURRENT_HASHES);
  return Math.min(1024, (Number.isInteger(hashes) && hashes > 0 ? hashes : DEFAULT_HASHES) + FOR_THE_REST);
}

process.env.UV_THREADPOOL_SIZE = String(threadPoolSize(process.env));

module.exports = { threadPoolSize, DEFAULT_HASHES };
