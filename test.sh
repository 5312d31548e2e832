#!/usr/bin/env bash
# Builds and tests the whole repository the way CI does: ./test.sh (CI calls it from .ci/run).
#   1. installs the system tools the tests need when they are missing (apt, as root only)
#   2. dotnet build BeAlert.slnx -c Release   (warnings are errors)
#   3. dotnet test  BeAlert.slnx -c Release --no-build (the Gateway tests again on PostgreSQL, the CAP tests again with
#      AVX-512 off), then one closing line "Tests: N passed, N failed, N skipped"
#   4. dotnet pack, then the bealert tool installed from the packages into a temp folder validates and renders samples/cap/
#   5. BenchmarkDotNet smoke run (--job Dry): proves the benchmarks still build and start; no numbers.
#   6. Load driver smoke runs: a few hundred SMS to the local node SMSC, e-mails to smtp-sink, broadcasts to the test CBC,
#      calls to the test voice provider, and a small commune
#      campaign (synthetic population, engine, SQLite store); no numbers.
# Fails fast: the first failing step stops the script with a message saying which step it was.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$PWD"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bealert-test.XXXXXX")"
PG_DIR=""
PG_CTL=/usr/lib/postgresql/15/bin/pg_ctl
cleanup() {
  if [[ -n "$PG_DIR" && -d "$PG_DIR" ]]; then
    runuser -u postgres -- "$PG_CTL" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1
# Screenshots of every web page the browser tests visit (tests/BeAlert.Gateway.Tests/Web) land here.
export BEALERT_ARTIFACTS="${BEALERT_ARTIFACTS:-$ROOT/artifacts}"
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n=== %s\n' "$*"; }
fail() { printf '\ntest.sh: FAILED: %s\n' "$*" >&2; exit 1; }

# --- 1. system tools ------------------------------------------------------------------------------
step "Checking tools"
command -v dotnet >/dev/null 2>&1 || fail "dotnet is not installed (the .NET 10 SDK, see global.json)"

# command -> Debian package that provides it
declare -A APT_FOR=(
  [xmllint]=libxml2-utils
  [espeak-ng]=espeak-ng
  [xmlsec1]=xmlsec1
  [psql]=postgresql
  [chromium]=chromium
)
missing=()
for cmd in "${!APT_FOR[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${APT_FOR[$cmd]}")
done
# smtp-sink and smtp-source (the e-mail transport's peer and baseline) come with postfix, which lives in /usr/sbin.
# Preseed "No configuration" so that installing it sets up no live mail server (only the test programs are used).
if [[ ! -x /usr/sbin/smtp-sink ]] && ! command -v smtp-sink >/dev/null 2>&1; then
  missing+=(postfix)
  if [[ "$(id -u)" -eq 0 ]]; then
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections || fail "debconf-set-selections for postfix"
  fi
fi
if ((${#missing[@]} > 0)); then
  if [[ "$(id -u)" -ne 0 ]]; then
    fail "missing packages: ${missing[*]}; not root, so not installing them. Run: sudo apt-get install -y ${missing[*]}"
  fi
  echo "Installing: ${missing[*]}"
  apt-get update -qq || fail "apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || fail "apt-get install ${missing[*]}"
fi
echo "dotnet $(dotnet --version); xmllint: $(command -v xmllint); xmlsec1: $(command -v xmlsec1); smtp-sink: $(ls /usr/sbin/smtp-sink 2>/dev/null || command -v smtp-sink)"

# The SMPP tests and the load driver run an SMSC built on the npm smpp package (tests/peers/package-lock.json).
command -v node >/dev/null 2>&1 || fail "node is not installed (Node.js 20: the SMPP tests run tests/peers/smsc.js)"
command -v npm >/dev/null 2>&1 || fail "npm is not installed (it installs tests/peers' npm smpp package)"
if [[ ! -d "$ROOT/tests/peers/node_modules/smpp" ]]; then
  echo "Installing tests/peers (npm ci)"
  (cd "$ROOT/tests/peers" && npm ci --no-audit --no-fund >/dev/null) || fail "npm ci in tests/peers"
fi
echo "node $(node --version); npm smpp $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$ROOT/tests/peers/node_modules/smpp/package.json" | head -n 1)"

# PostgreSQL: a throwaway cluster on loopback, its own port, trust auth, in a temp folder owned by postgres (no
# systemd; works as root). The Gateway tests run a second time against it (BEALERT_TEST_STORE=postgresql).
step "Starting a throwaway PostgreSQL cluster"
[[ -x /usr/lib/postgresql/15/bin/initdb && -x "$PG_CTL" ]] || fail "PostgreSQL 15 server binaries not found in /usr/lib/postgresql/15/bin (apt-get install -y postgresql)"
id postgres >/dev/null 2>&1 || fail "no 'postgres' system user (the postgresql package creates it)"
PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/bealert-pg.XXXXXX")"
chmod 755 "$PG_DIR"
chown postgres: "$PG_DIR" || fail "chown postgres $PG_DIR (run as root, or as postgres)"
PG_PORT=$((55000 + RANDOM % 400))
for _ in 1 2 3 4 5 6 7 8 9 10; do
  (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null || break
  PG_PORT=$((55000 + RANDOM % 400))
done
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$PG_DIR/data" -A trust -U postgres >"$PG_DIR/initdb.log" 2>&1 ||
  { cat "$PG_DIR/initdb.log"; fail "PostgreSQL initdb in $PG_DIR failed (see above)"; }
runuser -u postgres -- "$PG_CTL" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null ||
  { cat "$PG_DIR/server.log" 2>/dev/null; fail "PostgreSQL did not start on 127.0.0.1:$PG_PORT (server log above)"; }
export BEALERT_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc 'SELECT version()' || fail "PostgreSQL started but psql cannot connect on 127.0.0.1:$PG_PORT"

# --- 2. build -------------------------------------------------------------------------------------
step "dotnet build BeAlert.slnx -c Release"
dotnet build BeAlert.slnx -c Release -nologo -clp:NoSummary -warnaserror || fail "build (dotnet build BeAlert.slnx -c Release)"

# --- 3. tests -------------------------------------------------------------------------------------
step "dotnet test BeAlert.slnx -c Release"
test_rc=0
# minimal verbosity: one line per test assembly, plus every failure with its message and stack trace.
dotnet test BeAlert.slnx -c Release --no-build -nologo \
  --logger "console;verbosity=minimal" \
  --results-directory "$WORK/test-results" \
  --blame-hang-timeout 10m 2>&1 | tee "$WORK/test.log" || test_rc=$?

# The Gateway tests again, on PostgreSQL (the same suite; the delivery store contract and multi-instance tests use it).
step "dotnet test tests/BeAlert.Gateway.Tests on PostgreSQL (BEALERT_TEST_STORE=postgresql)"
# The browser tests (Category=Browser) drive pages, not the store: they run once, in the first pass.
BEALERT_TEST_STORE=postgresql dotnet test tests/BeAlert.Gateway.Tests -c Release --no-build -nologo \
  --filter "Category!=Browser" \
  --logger "console;verbosity=minimal" \
  --results-directory "$WORK/test-results-pg" \
  --blame-hang-timeout 10m 2>&1 | tee "$WORK/test-pg.log" || test_rc=$?
grep -qE '(Passed|Failed)! *- *Failed:' "$WORK/test-pg.log" || { echo "PostgreSQL run: no summary line"; test_rc=1; }

# The CAP tests again with AVX-512 off (DOTNET_EnableAVX512=0), as on servers without it: the parser then takes its
# Vector256 paths and the AVX2 polygon block reader, which must give the same results.
step "dotnet test tests/BeAlert.Cap.Tests without AVX-512 (DOTNET_EnableAVX512=0)"
DOTNET_EnableAVX512=0 dotnet test tests/BeAlert.Cap.Tests -c Release --no-build -nologo \
  --logger "console;verbosity=minimal" \
  --results-directory "$WORK/test-results-noavx512" \
  --blame-hang-timeout 10m 2>&1 | tee "$WORK/test-noavx512.log" || test_rc=$?
grep -qE '(Passed|Failed)! *- *Failed:' "$WORK/test-noavx512.log" || { echo "Run without AVX-512: no summary line"; test_rc=1; }

# One closing line over every test assembly (all runs), summed from their "Passed!/Failed!  - Failed: N, Passed: N, Skipped: N" lines.
read -r passed failed skipped < <(
  cat "$WORK/test.log" "$WORK/test-pg.log" "$WORK/test-noavx512.log" |
  sed -n 's/.*\(Passed\|Failed\)! *- *Failed: *\([0-9]*\), *Passed: *\([0-9]*\), *Skipped: *\([0-9]*\).*/\2 \3 \4/p' |
    awk '{ f += $1; p += $2; s += $3 } END { print p + 0, f + 0, s + 0 }')
echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
((test_rc == 0)) || fail "tests (dotnet test exited $test_rc; failures are listed above)"
((passed > 0)) || fail "tests: no test ran"

# --- 4. packages and the installed tool ----------------------------------------------------------
step "dotnet pack, dotnet tool install, bealert validate and render samples/cap"
dotnet pack BeAlert.slnx -c Release -nologo -clp:NoSummary -o "$WORK/packages" >"$WORK/pack.log" 2>&1 || { cat "$WORK/pack.log"; fail "dotnet pack"; }
ls "$WORK/packages"
version=$(sed -n 's/^BeAlert\.Cli\.\([0-9][^/]*\)\.nupkg$/\1/p' < <(ls "$WORK/packages") | head -n 1)
[[ -n "$version" ]] || fail "dotnet pack: no BeAlert.Cli package"
[[ -f "$WORK/packages/BeAlert.Cap.$version.nupkg" ]] || fail "dotnet pack: no BeAlert.Cap package"
dotnet tool install BeAlert.Cli --version "$version" --tool-path "$WORK/tool" --add-source "$WORK/packages" >/dev/null || fail "dotnet tool install BeAlert.Cli"
tool_rc=0
"$WORK/tool/bealert" validate --format json "$ROOT/samples/cap" >"$WORK/tool.json" || tool_rc=$?
((tool_rc == 0)) || fail "installed bealert validate samples/cap exited $tool_rc"
sample_count=$(find "$ROOT/samples/cap" -name '*.xml' | wc -l)
[[ "$(grep -o '"valid":true' "$WORK/tool.json" | wc -l)" -eq "$sample_count" ]] || fail "installed bealert: expected $sample_count valid files"
echo "installed bealert $version: $sample_count samples valid"
render_rc=0
"$WORK/tool/bealert" render --channel sms --lang fr --format json "$ROOT/samples/cap" >"$WORK/render.json" || render_rc=$?
((render_rc == 0)) || fail "installed bealert render samples/cap exited $render_rc"
[[ "$(grep -o '"segments":\[' "$WORK/render.json" | wc -l)" -eq "$sample_count" ]] || fail "installed bealert render: expected $sample_count SMS"
echo "installed bealert $version: $sample_count samples rendered as SMS"

# --- 5. benchmarks smoke run ----------------------------------------------------------------------
step "BenchmarkDotNet smoke run (--job Dry)"
# BenchmarkDotNet finds the benchmark project by searching the current folder, so run from the repository root;
# --artifacts keeps its output in the temp folder. It reports a benchmark that failed to build or run as "NA"
# under "Benchmarks with issues" and still exits 0, so the log is checked too. --buildTimeout: BenchmarkDotNet allows its
# generated project 2 minutes to build by default; with BeAlert.Cap.Geo and NetTopologySuite that took 103 s on a
# loaded 2-core machine, too close.
dotnet run -c Release --no-build --project "$ROOT/benchmarks/BeAlert.Benchmarks" -- \
  --job Dry --filter '*' --buildTimeout 600 --artifacts "$WORK/BenchmarkDotNet.Artifacts" 2>&1 | tee "$WORK/bench.log" || fail "benchmark smoke run"
if grep -q "Benchmarks with issues" "$WORK/bench.log"; then
  fail "benchmark smoke run: some benchmarks failed (see 'Benchmarks with issues' above)"
fi
grep -q "^| " "$WORK/bench.log" || fail "benchmark smoke run: no results table"

# --- 6. load driver smoke run ---------------------------------------------------------------------
step "Load driver smoke run (smpp --local, 300 messages)"
dotnet run -c Release --no-build --project "$ROOT/benchmarks/BeAlert.Load" -- smpp --local --baseline --messages 300 --window 50 --timeout-s 120 \
  >"$WORK/load.out" 2>"$WORK/load.err" || { cat "$WORK/load.err" "$WORK/load.out"; fail "load driver smoke run (smpp --local)"; }
tail -n 1 "$WORK/load.out"
tail -n 1 "$WORK/load.out" | grep -q '"deliveries":300' || fail "load driver smoke run: expected 300 deliveries in the last line"

step "Load driver smoke run (smtp --local, 200 messages)"
dotnet run -c Release --no-build --project "$ROOT/benchmarks/BeAlert.Load" -- smtp --local --messages 200 --connections 2 \
  >"$WORK/load-smtp.out" 2>"$WORK/load-smtp.err" || { cat "$WORK/load-smtp.err" "$WORK/load-smtp.out"; fail "load driver smoke run (smtp --local)"; }
tail -n 1 "$WORK/load-smtp.out"
tail -n 1 "$WORK/load-smtp.out" | grep -q '"deliveries":200' || fail "load driver smoke run: expected 200 e-mails in the last line"

step "Load driver smoke run (cbc --local, 100 broadcasts in each wire format; voice --local, 200 calls)"
for format in ecbe cap; do
  dotnet run -c Release --no-build --project "$ROOT/benchmarks/BeAlert.Load" -- cbc --local --format "$format" --messages 100 --timeout-s 120 \
    >"$WORK/load-cbc-$format.out" 2>"$WORK/load-cbc-$format.err" || { cat "$WORK/load-cbc-$format.err" "$WORK/load-cbc-$format.out"; fail "load driver smoke run (cbc --local --format $format)"; }
  tail -n 1 "$WORK/load-cbc-$format.out" | grep -q '"failed":0,' || fail "load driver smoke run: cbc ($format) had failed operations"
  tail -n 1 "$WORK/load-cbc-$format.out" | grep -q '"recipients":250,' || fail "load driver smoke run: cbc ($format) expected 250 operations"
done
dotnet run -c Release --no-build --project "$ROOT/benchmarks/BeAlert.Load" -- voice --local --calls 200 --calls-per-minute 100000 --retry-delay-ms 50 --timeout-s 120 \
  >"$WORK/load-voice.out" 2>"$WORK/load-voice.err" || { cat "$WORK/load-voice.err" "$WORK/load-voice.out"; fail "load driver smoke run (voice --local)"; }
tail -n 1 "$WORK/load-voice.out" | grep -q '"outcomes":{"answered":180,"busy":0,"no_answer":10,"failed":10,"not_started":0}' || fail "load driver smoke run: voice outcomes differ from the scripted mix"

step "Load driver smoke run (commune --nis 44064 on 20,000 synthetic subscribers, SQLite store)"
dotnet run -c Release --no-build --project "$ROOT/benchmarks/BeAlert.Load" -- commune --subscribers 20000 --nis 44064 --targeting-runs 1 --timeout-s 300 \
  >"$WORK/load-commune.out" 2>"$WORK/load-commune.err" || { cat "$WORK/load-commune.err" "$WORK/load-commune.out"; fail "load driver smoke run (commune)"; }
tail -n 1 "$WORK/load-commune.out"
tail -n 1 "$WORK/load-commune.out" | grep -q '"status":"Completed"' || fail "load driver smoke run: the commune campaign did not complete"
tail -n 1 "$WORK/load-commune.out" | grep -q '"unfinished":0,' || fail "load driver smoke run: the commune campaign left deliveries unfinished"

step "Load driver smoke run (gateway-ingest, 300 alerts; gateway-feeds, 300 requests per phase; gateway-template, 3 sends; gateway-startup, 100,000 subscribers)"
dotnet run -c Release --no-build --project "$ROOT/benchmarks/BeAlert.Load" -- gateway-ingest --requests 300 --clients 4 --warmup-s 0.5 --timeout-s 180 \
  >"$WORK/load-gw-ingest.out" 2>"$WORK/load-gw-ingest.err" || { cat "$WORK/load-gw-ingest.err" "$WORK/load-gw-ingest.out"; fail "load driver smoke run (gateway-ingest)"; }
tail -n 1 "$WORK/load-gw-ingest.out"
tail -n 1 "$WORK/load-gw-ingest.out" | grep -q '"errors":0,' || fail "load driver smoke run: gateway-ingest had errors"
dotnet run -c Release --no-build --project "$ROOT/benchmarks/BeAlert.Load" -- gateway-feeds --requests 300 --clients 8 --warmup-s 0.5 --timeout-s 180 \
  >"$WORK/load-gw-feeds.out" 2>"$WORK/load-gw-feeds.err" || { cat "$WORK/load-gw-feeds.err" "$WORK/load-gw-feeds.out"; fail "load driver smoke run (gateway-feeds)"; }
tail -n 1 "$WORK/load-gw-feeds.out"
dotnet run -c Release --no-build --project "$ROOT/benchmarks/BeAlert.Load" -- gateway-template --runs 3 --subscribers 20000 --timeout-s 180 \
  >"$WORK/load-gw-template.out" 2>"$WORK/load-gw-template.err" || { cat "$WORK/load-gw-template.err" "$WORK/load-gw-template.out"; fail "load driver smoke run (gateway-template)"; }
tail -n 1 "$WORK/load-gw-template.out"
tail -n 1 "$WORK/load-gw-template.out" | grep -q '"errors":0,' || fail "load driver smoke run: gateway-template had errors"
dotnet run -c Release --no-build --project "$ROOT/benchmarks/BeAlert.Load" -- gateway-startup --runs 1 --subscribers 100000 --timeout-s 180 \
  >"$WORK/load-gw-startup.out" 2>"$WORK/load-gw-startup.err" || { cat "$WORK/load-gw-startup.err" "$WORK/load-gw-startup.out"; fail "load driver smoke run (gateway-startup)"; }
tail -n 1 "$WORK/load-gw-startup.out"
tail -n 1 "$WORK/load-gw-startup.out" | grep -q '"time_to_ready_median_s":' || fail "load driver smoke run: gateway-startup did not report"

echo
echo "test.sh: all steps passed"
