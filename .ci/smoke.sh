#!/usr/bin/env bash
# Smoke test of the README's start command, as a person would run it:
#   PORT=<free port> SQLITE_PATH=<temp>/amends.sqlite npm start
# (prestart builds), then /health/ready must answer 200 within 60 s of the app starting,
# and the demo admin must be able to sign in. Then a bad PORT must stop start-up with one
# line naming it and a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/lib.sh
source .ci/lib.sh

READY_SECONDS=${SMOKE_READY_SECONDS:-60}   # from the app starting to /health/ready = 200
BUILD_SECONDS=${SMOKE_BUILD_SECONDS:-300}  # what prestart's `nest build` may take before that

tmp=$(mktemp -d /tmp/amends-smoke.XXXXXX)
server_pid=
stop_server() {
  [[ -n $server_pid ]] || return 0
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 100; i++)); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}
trap 'stop_server; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# METHOD URL [JSON body] -> prints the HTTP status (000 when nothing answers).
http_status() {
  node -e '
    const [method, url, body] = process.argv.slice(1);
    const init = { method, signal: AbortSignal.timeout(5000) };
    if (body) Object.assign(init, { body, headers: { "content-type": "application/json" } });
    fetch(url, init).then(async (r) => { await r.arrayBuffer(); console.log(r.status); }, () => console.log("000"));
  ' "$@"
}

server_log=$tmp/server.log
fail() {
  say "smoke: FAILED: $*" >&2
  if [[ -n $server_log ]]; then
    say "---- npm start output (last 40 lines) ----" >&2
    tail -n 40 "$server_log" >&2 || true
  fi
  exit 1
}

port=$(free_port 0)
base=http://127.0.0.1:$port
say "smoke: PORT=$port SQLITE_PATH=$tmp/amends.sqlite npm start"
# Its own process group (setsid), so stopping it stops npm, the shell and node together.
PORT=$port SQLITE_PATH=$tmp/amends.sqlite setsid npm start >"$server_log" 2>&1 </dev/null &
server_pid=$!

# npm prints "> amends@x.y.z start" once prestart's build is done and the app itself starts.
start_t=$SECONDS
app_t=
status=000
while :; do
  kill -0 "$server_pid" 2>/dev/null || fail "npm start exited before /health/ready answered 200"
  if [[ -z $app_t ]] && grep -qE '^> [^ ]+ start$' "$server_log"; then
    app_t=$SECONDS
    say "smoke: built in $((app_t - start_t)) s; waiting up to ${READY_SECONDS} s for $base/health/ready"
  fi
  if [[ -n $app_t ]]; then
    status=$(http_status GET "$base/health/ready")
    [[ $status == 200 ]] && break
    ((SECONDS - app_t <= READY_SECONDS)) || fail "/health/ready answered $status for ${READY_SECONDS} s"
  else
    ((SECONDS - start_t <= BUILD_SECONDS)) || fail "the build (prestart) took more than ${BUILD_SECONDS} s"
  fi
  sleep 1
done
say "smoke: GET /health/ready -> 200, $((SECONDS - app_t)) s after the app started"

status=$(http_status POST "$base/api/auth/login" '{"email":"admin@demo.test","password":"demo-password"}')
[[ $status == 200 ]] || fail "POST /api/auth/login as admin@demo.test answered $status, not 200"
say "smoke: POST /api/auth/login (admin@demo.test) -> 200"

stop_server
server_log=
status=$(http_status GET "$base/health/live")
[[ $status == 000 ]] || fail "the server still answers after it was stopped"
say "smoke: server stopped"

# A bad PORT stops start-up: non-zero exit, one line that names PORT.
set +e
out=$(PORT=notaport SQLITE_PATH=$tmp/bad.sqlite timeout 60 node dist/src/main.js 2>&1 </dev/null)
rc=$?
set -e
say "smoke: PORT=notaport node dist/src/main.js -> exit $rc: $out"
[[ $rc -ne 0 ]] || fail "PORT=notaport: exit code 0, expected non-zero"
[[ $rc -ne 124 ]] || fail "PORT=notaport: still running after 60 s"
lines=$(grep -c . <<<"$out" || true)
[[ $lines -eq 1 ]] || fail "PORT=notaport: printed $lines lines, expected exactly one"
grep -q 'PORT' <<<"$out" || fail "PORT=notaport: the message does not mention PORT"
say "smoke: ok"
