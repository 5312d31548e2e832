#!/usr/bin/env bash
# End-to-end validation throughput: bealert (Release) against xmllint --schema, on the same N alerts.
#
#   benchmarks/validate-e2e.sh [N [ROUNDS]]     N alerts (default 10000), ROUNDS timed runs of each tool (default 5)
#
# The alerts are the files of samples/cap/ copied round-robin, each with its own <identifier>. Then it times
#   (a) bealert validate --format json DIR > /dev/null    (the installed tool, one process: XSD-level checks + CAP rules)
#   (b) xmllint --noout --schema CAP-v1.2.xsd DIR/*.xml                 (XSD only; as few processes as xargs needs)
# The two tools run alternately, ROUNDS times each, so that a noisy machine slows both alike; the medians are compared.
# Progress goes to stderr; the last line on stdout is one JSON object:
#   {"files":N,"bealert_s":S,"xmllint_s":S,"ratio":R,...}   medians; ratio = bealert_s / xmllint_s (below 1: bealert is faster)
# Both tools start cold (process start and, for bealert, JIT included): this is what a user of either sees.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
N="${1:-10000}"
ROUNDS="${2:-5}"
SAMPLES="$ROOT/samples/cap"
XSD="$ROOT/tests/BeAlert.Cap.Tests/TestData/xsd/CAP-v1.2.xsd"

fail() { echo "validate-e2e: $*" >&2; exit 1; }
[[ "$N" =~ ^[1-9][0-9]*$ ]] || fail "N must be a positive integer (got '$N')"
[[ "$ROUNDS" =~ ^[1-9][0-9]?$ ]] || fail "ROUNDS must be between 1 and 99 (got '$ROUNDS')"
command -v dotnet >/dev/null || fail "dotnet not found"
command -v xmllint >/dev/null || fail "xmllint not found (apt-get install -y libxml2-utils)"
[[ -f "$XSD" ]] || fail "no XSD at $XSD"
mapfile -d '' sources < <(find "$SAMPLES" -type f -name '*.xml' -print0 2>/dev/null | LC_ALL=C sort -z)
((${#sources[@]} > 0)) || fail "no samples in $SAMPLES"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bealert-e2e.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
DIR="$WORK/alerts"
mkdir -p "$DIR"

# The bealert that users install: the packages dotnet pack makes (ReadyToRun on this platform), installed into $WORK.
echo "Packing and installing bealert (Release)..." >&2
dotnet pack "$ROOT/src/BeAlert.Cli" -c Release -nologo -v q -o "$WORK/packages" >&2 || fail "dotnet pack failed"
version=$(ls "$WORK/packages" | sed -n 's/^BeAlert\.Cli\.\([0-9][^/]*\)\.nupkg$/\1/p' | head -n 1)
[[ -n "$version" ]] || fail "no BeAlert.Cli package after dotnet pack"
dotnet tool install BeAlert.Cli --version "$version" --tool-path "$WORK/tool" --add-source "$WORK/packages" >&2 || fail "dotnet tool install failed"
BEALERT="$WORK/tool/bealert"

# Generate: sample k of K becomes alerts k, k+K, k+2K, ... One awk process per sample, not one sed per file.
echo "Generating $N alerts from ${#sources[@]} samples into $DIR..." >&2
K=${#sources[@]}
for ((k = 0; k < K && k < N; k++)); do
  awk -v start="$k" -v step="$K" -v n="$N" -v out="$DIR" '
    { doc = doc $0 "\n" }
    END {
      if (!match(doc, /<([A-Za-z0-9_.-]+:)?identifier>[^<]*</)) { print "no <identifier> in " FILENAME > "/dev/stderr"; exit 1 }
      open = substr(doc, RSTART, RLENGTH); gt = index(open, ">")
      head = substr(doc, 1, RSTART + gt - 1); tail = substr(doc, RSTART + RLENGTH - 1)
      for (i = start; i < n; i += step) {
        file = sprintf("%s/alert-%06d.xml", out, i)
        printf "%sBE-E2E-%06d%s", head, i, tail > file
        close(file)
      }
    }' "${sources[$k]}" || fail "generation failed on ${sources[$k]}"
done
count=$(find "$DIR" -name '*.xml' | wc -l)
((count == N)) || fail "generated $count files, expected $N"

# measure NAME CMD...: runs CMD, records elapsed seconds and peak memory in $WORK/NAME.time, returns CMD's exit code.
measure() {
  local name="$1"; shift
  local rc=0
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -o "$WORK/$name.time" -f '%e %M' "$@" || rc=$?
  else
    local TIMEFORMAT='%R'
    { time "$@" 2>/dev/null; } 2>"$WORK/$name.time.raw" || rc=$?
    echo "$(tail -n 1 "$WORK/$name.time.raw") null" >"$WORK/$name.time"
  fi
  return "$rc"
}

# One xmllint process when the file names fit on one command line (relative names, from inside DIR); otherwise
# xargs runs as few as it needs. Either way the number of processes is reported.
arg_bytes=$(( N * (${#DIR} + 32) ))        # file name + pointer per argument, with room to spare
arg_max=$(( $(getconf ARG_MAX) - $(env | wc -c) - 65536 ))
xmllint_batch() { echo x >>"$WORK/xmllint.batches"; exec xmllint --noout --schema "$XSD" "$@"; }
export -f xmllint_batch
export WORK XSD
run_xmllint() {
  : >"$WORK/xmllint.batches"
  if (( arg_bytes < arg_max )); then
    (cd "$DIR" && shopt -s nullglob && files=(*.xml) && echo x >>"$WORK/xmllint.batches" &&
      measure xmllint xmllint --noout --schema "$XSD" "${files[@]}" 2>/dev/null)
  else
    (cd "$DIR" && measure xmllint bash -c 'find . -name "*.xml" -print0 | LC_ALL=C sort -z | xargs -0 bash -c '"'"'xmllint_batch "$@"'"'"' _' 2>/dev/null)
  fi
}

bealert_runs=(); xmllint_runs=(); bealert_rc=0; xmllint_rc=0; bealert_kb=0; xmllint_kb=0
for ((round = 1; round <= ROUNDS; round++)); do
  rc=0; measure bealert "$BEALERT" validate --format json "$DIR" >/dev/null || rc=$?
  ((rc == 0)) || bealert_rc=$rc
  read -r seconds kb < <(tail -n 1 "$WORK/bealert.time"); bealert_runs+=("$seconds"); bealert_kb=$kb
  rc=0; run_xmllint || rc=$?
  ((rc == 0)) || xmllint_rc=$rc
  read -r seconds kb < <(tail -n 1 "$WORK/xmllint.time"); xmllint_runs+=("$seconds"); xmllint_kb=$kb
  echo "  round $round/$ROUNDS: bealert ${bealert_runs[-1]} s, xmllint ${xmllint_runs[-1]} s" >&2
done
xmllint_processes=$(wc -l <"$WORK/xmllint.batches")
median() { printf '%s\n' "$@" | LC_ALL=C sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
bealert_s=$(median "${bealert_runs[@]}")
xmllint_s=$(median "${xmllint_runs[@]}")
echo "  bealert: median ${bealert_s} s, ${bealert_kb} KB peak, exit $bealert_rc" >&2
echo "  xmllint: median ${xmllint_s} s, ${xmllint_kb} KB peak, ${xmllint_processes} process(es), exit $xmllint_rc" >&2

((bealert_rc == 0)) || echo "validate-e2e: warning: bealert exited $bealert_rc (1: an alert has errors, 2: usage or I/O error, 3: internal error)" >&2
((xmllint_rc == 0)) || echo "validate-e2e: warning: xmllint exited $xmllint_rc (some generated alert fails the XSD)" >&2

ratio=$(awk -v a="$bealert_s" -v b="$xmllint_s" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "null" }')
join() { local IFS=,; echo "$*"; }
printf '{"files":%d,"rounds":%d,"bealert_s":%s,"xmllint_s":%s,"ratio":%s,"bealert_runs_s":[%s],"xmllint_runs_s":[%s],"bealert_max_kb":%s,"xmllint_max_kb":%s,"xmllint_processes":%d,"bealert_exit":%d,"xmllint_exit":%d}\n' \
  "$N" "$ROUNDS" "$bealert_s" "$xmllint_s" "$ratio" "$(join "${bealert_runs[@]}")" "$(join "${xmllint_runs[@]}")" "$bealert_kb" "$xmllint_kb" "$xmllint_processes" "$bealert_rc" "$xmllint_rc"
