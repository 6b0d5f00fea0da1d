# Helpers for .ci/run and the scripts beside it. Sourced, not run.
# shellcheck shell=bash

export DEBIAN_FRONTEND=noninteractive

say() { printf '%s\n' "$*"; }
die() { printf 'ci: error: %s\n' "$*" >&2; exit 1; }

# ---- clean-up: commands run in reverse order when the script exits, however it exits ----
CI_CLEANUPS=()
on_exit() { CI_CLEANUPS+=("$*"); }
run_cleanups() {
  local i
  for ((i = ${#CI_CLEANUPS[@]} - 1; i >= 0; i--)); do
    eval "${CI_CLEANUPS[i]}" || true
  done
  CI_CLEANUPS=()
}

# ---- a free TCP port on 127.0.0.1: the one asked for if it is free, else any ----
free_port() {
  node -e '
    const net = require("node:net");
    const attempt = (port) => {
      const s = net.createServer();
      s.once("error", () => (port ? attempt(0) : process.exit(1)));
      s.listen(port, "127.0.0.1", () => { const p = s.address().port; s.close(() => console.log(p)); });
    };
    attempt(Number(process.argv[1] || 0));
  ' "${1:-0}"
}

# ---- Debian packages: `apt-get update` at most once per run, quiet, never asking ----
CI_APT_UPDATED=${CI_APT_UPDATED:-}
as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo -n env DEBIAN_FRONTEND=noninteractive "$@"
  else die "installing packages needs root (or sudo): $*"
  fi
}
apt_install() {
  local log
  log=$(mktemp /tmp/amends-ci-apt.XXXXXX)
  local apt_opts=(-q -o=Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=300)
  if [[ -z $CI_APT_UPDATED ]]; then
    say "apt-get update"
    local try
    for try in 1 2 3; do
      if as_root apt-get "${apt_opts[@]}" update >"$log" 2>&1; then CI_APT_UPDATED=1; break; fi
      [[ $try -lt 3 ]] && sleep 5
    done
    [[ -n $CI_APT_UPDATED ]] || { tail -n 30 "$log" >&2; rm -f "$log"; die "apt-get update failed"; }
  fi
  say "apt-get install -y $*"
  if ! as_root apt-get "${apt_opts[@]}" install -y \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    die "apt-get install $* failed"
  fi
  rm -f "$log"
}

# ---- test counts: each suite's output is kept in test-output/ci/<name>.log ----
CI_LOG_DIR=${CI_LOG_DIR:-$PWD/test-output/ci}

# Runs a command, showing its output and keeping a copy for the closing tally.
run_logged() {
  local name=$1
  shift
  mkdir -p "$CI_LOG_DIR"
  "$@" 2>&1 | tee "$CI_LOG_DIR/$name.log"
}

# "N passed, N failed[, N skipped]" over every Vitest summary in the kept logs.
test_tally() {
  local passed=0 failed=0 skipped=0 line n f
  shopt -s nullglob
  for f in "$CI_LOG_DIR"/*.log; do
    line=$(sed 's/\x1b\[[0-9;]*m//g' "$f" | grep -E '^[[:space:]]*Tests[[:space:]]+[0-9]' | tail -n 1 || true)
    [[ -n $line ]] || continue
    n=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+' || true); passed=$((passed + ${n:-0}))
    n=$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+' || true); failed=$((failed + ${n:-0}))
    n=$(grep -oE '[0-9]+ skipped' <<<"$line" | grep -oE '[0-9]+' || true); skipped=$((skipped + ${n:-0}))
  done
  shopt -u nullglob
  if ((skipped > 0)); then say "$passed passed, $failed failed, $skipped skipped"; else say "$passed passed, $failed failed"; fi
}
