#!/usr/bin/env bash
# `npm run bench:postgres -- [bench options]`: the bench on a private, throw-away PostgreSQL
# cluster (the one CI's pg step starts: .ci/postgres.sh), stopped and removed afterwards.
# Durability is off there (fsync, synchronous_commit), as in CI; shared_buffers is raised so
# that a million tickets fit in memory, as they do in SQLite's page cache.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh
source .ci/postgres.sh
trap run_cleanups EXIT
PG_EXTRA_OPTS=${PG_EXTRA_OPTS:--c shared_buffers=2GB -c max_wal_size=8GB -c max_connections=200}
pg_cluster_start
BENCH_DB=postgres BENCH_DATABASE_URL=$TEST_DATABASE_URL npm run bench -- "$@"
