#!/usr/bin/env bash
# AgentFlows vs DBOS Transact on ONE throwaway PostgreSQL 15 cluster, in one run (CONTRACT.md §7):
#   phase 1 (network): npm install @dbos-inc/dbos-sdk into a fresh work folder; dotnet build -c Release the bench
#   phase 2 (loopback only when permitted): initdb + start PostgreSQL on a free 127.0.0.1 port, then
#     AgentFlows: dotnet run -c Release --project bench/AgentFlows.Bench -- --store postgres --connection <db agentflows_bench>
#                 --scenario sequential3 --n 200 | fanout --fanout 100 --reps 5 | latency --reps 20
#     DBOS:       node bench-dbos.mjs (../shared/peers) with its system database dbos_sys on the same server
#   then one line { "scenario": "ratio", "steps_per_s": A/B, "fanout_latency": A/B, "latency_p50": A/B } (A = AgentFlows, B = DBOS).
# stdout: each engine's JSON lines, then the ratio line.  stderr: progress and diagnostics.
# Env: WORK (default a new temp folder, wiped), PEERS (default <repo>/../shared/peers), PGBIN (/usr/lib/postgresql/15/bin),
#      DBOS_VERSION (5.3.0), PG_PORT_START (55432), PG_OS_USER (postgres; used when run as root), ISOLATE_NET (1),
#      BENCH_N (200), BENCH_FANOUT (100), BENCH_FANOUT_REPS (5), BENCH_LAT_REPS (20)
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PEERS=${PEERS:-$REPO/../shared/peers}
PEERS=$(cd "$PEERS" && pwd)
source "$PEERS/lib.sh"
WORK=${WORK:-$(mktemp -d -t compare-dbos.XXXXXX)}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
DBOS_VERSION=${DBOS_VERSION:-5.3.0}
BENCH_N=${BENCH_N:-200}
BENCH_FANOUT=${BENCH_FANOUT:-100}
BENCH_FANOUT_REPS=${BENCH_FANOUT_REPS:-5}
BENCH_LAT_REPS=${BENCH_LAT_REPS:-20}
export WORK PEERS PGBIN DBOS_VERSION BENCH_N BENCH_FANOUT BENCH_FANOUT_REPS BENCH_LAT_REPS
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [[ "${1:-}" != "--measure" ]]; then
  # ---------- phase 1: install and build (needs the npm and NuGet registries) ----------
  log "fresh work dir $WORK"
  mkdir -p "$WORK"; find "$WORK" -mindepth 1 -delete; chmod 755 "$WORK"
  cp "$PEERS/bench-dbos.mjs" "$WORK/"
  (
    cd "$WORK"
    npm init -y >/dev/null 2>&1
    log "npm install @dbos-inc/dbos-sdk@$DBOS_VERSION"
    SCARF_ANALYTICS=false npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
      "@dbos-inc/dbos-sdk@$DBOS_VERSION" >&2
  )
  log "dotnet build -c Release bench/AgentFlows.Bench"
  dotnet build -c Release "$REPO/bench/AgentFlows.Bench" -nologo -v q >&2
  if [[ $(id -u) -ne 0 ]]; then ISOLATE_NET=0; fi
  export ISOLATE_NET=${ISOLATE_NET:-1}
  maybe_isolate bash "$REPO/bench/compare-dbos.sh" --measure
fi

# ---------- phase 2: measure (127.0.0.1 only) ----------
netns_lo_up
cd "$WORK"
PGDATA="$WORK/pgdata"
if [[ $(id -u) -eq 0 ]]; then
  PG_OS_USER=${PG_OS_USER:-postgres}
  id "$PG_OS_USER" >/dev/null 2>&1 || { log "user $PG_OS_USER missing; set PG_OS_USER to a non-root user"; exit 1; }
  AS_PG=(runuser -u "$PG_OS_USER" --)
else
  AS_PG=()
fi
mkdir -p "$PGDATA"; chmod 700 "$PGDATA"
[[ ${#AS_PG[@]} -gt 0 ]] && chown "$PG_OS_USER" "$PGDATA"

log "initdb ($("$PGBIN/postgres" --version))"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --no-locale >"$WORK/initdb.log" 2>&1
PORT=$(free_port "${PG_PORT_START:-55432}")
log "starting postgres on 127.0.0.1:$PORT (defaults: fsync on, synchronous commit)"
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$PGDATA -c max_connections=300" start >&2
stop_pg() {
  log "stopping postgres"
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >&2 || true
}
trap stop_pg EXIT
PSQL=("$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -Atq)
"${PSQL[@]}" -c 'CREATE DATABASE agentflows_bench'
log "postgres $("${PSQL[@]}" -c 'show server_version')"

AF_OUT="$WORK/agentflows.jsonl"
DBOS_OUT="$WORK/dbos.jsonl"
: >"$AF_OUT"
AF_CS="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=agentflows_bench"
af() {
  log "AgentFlows $*"
  dotnet run --no-build -c Release --project "$REPO/bench/AgentFlows.Bench" -- --store postgres --connection "$AF_CS" "$@" \
    | tee -a "$AF_OUT"
}
af --scenario sequential3 --n "$BENCH_N"
af --scenario fanout --fanout "$BENCH_FANOUT" --reps "$BENCH_FANOUT_REPS"
af --scenario latency --reps "$BENCH_LAT_REPS"

log "DBOS @dbos-inc/dbos-sdk@$DBOS_VERSION"
BENCH_RUN=1 BENCH_N=$BENCH_N BENCH_FANOUT=$BENCH_FANOUT BENCH_FANOUT_REPS=$BENCH_FANOUT_REPS BENCH_LAT_REPS=$BENCH_LAT_REPS \
DBOS_SYSTEM_DATABASE_URL="postgresql://postgres:dbos@127.0.0.1:$PORT/dbos_sys?sslmode=disable" \
  node bench-dbos.mjs 2> >(grep -v -E 'DeprecationWarning: Calling client.query|trace-deprecation' >&2) | tee "$DBOS_OUT"

node -e '
  const fs = require("fs");
  const lines = (f) => fs.readFileSync(f, "utf8").split("\n").filter((l) => l.trim().startsWith("{")).map((l) => JSON.parse(l));
  const a = Object.fromEntries(lines(process.argv[1]).map((o) => [o.scenario, o]));
  const b = Object.fromEntries(lines(process.argv[2]).map((o) => [o.scenario, o]));
  const r = (x, y) => (x == null || !y ? null : Math.round((x / y) * 1000) / 1000);
  console.log(JSON.stringify({
    scenario: "ratio",
    steps_per_s: r(a.sequential3?.activities_per_s, b.a_concurrent_3step?.steps_per_s),
    fanout_latency: r(a.fanout?.p50_ms, b.b_fanout?.latency?.median_ms),
    latency_p50: r(a.latency?.p50_ms, b.c_single_3step_latency?.latency?.median_ms),
  }));' "$AF_OUT" "$DBOS_OUT"
