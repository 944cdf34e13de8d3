#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, docs/fuzzing.md) with clang-14 and runs each one, one after another.
#
#   scripts/fuzz.sh                      every target for 60 s (what CI runs)
#   scripts/fuzz.sh --seconds 600 story  one target for 10 minutes
#   scripts/fuzz.sh --runs 10000000      every target for 10 million executions
#   scripts/fuzz.sh --merge              afterwards, add the inputs that found new coverage to tests/fuzz/corpus
#   scripts/fuzz.sh --from DIR …         start from DIR's inputs too (e.g. the corpus an earlier run grew)
#   scripts/fuzz.sh --fast …             build without comparison tracing (BUILD-fast): ~3x the executions, same
#                                        sanitizer checks; for long runs that continue a grown corpus (--from)
#   scripts/fuzz.sh --no-build …         run what is built
#   scripts/fuzz.sh … -- -dict=FILE      extra libFuzzer flags after --
#
# Targets: article story scenario_attrs filename_dates cli_args. Each runs over a fresh copy of its seed corpus
# (tests/fuzz/corpus/TARGET, plus --from DIR) in BUILD/fuzz-run/TARGET/corpus, so the seeds are never modified
# unless --merge is given; crashes, leaks and timeouts are saved in BUILD/fuzz-run/TARGET/artifacts and the full log is
# BUILD/fuzz-run/TARGET/fuzz.log. BUILD is $FUZZ_BUILD_DIR, else build-fuzz in the repository (with --fast, that
# name followed by -fast). Build parallelism: $FUZZ_JOBS (default 2).
#
# One line per target: "fuzz TARGET: EXECS executions, SECONDS s, STATUS". Exit status 0 when every target ran clean,
# 1 when any found a crash, leak, timeout or out-of-memory (or a check failed), 2 for bad arguments or a failed build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${FUZZ_BUILD_DIR:-$root/build-fuzz}"
jobs="${FUZZ_JOBS:-2}"
all_targets=(article story scenario_attrs filename_dates cli_args)

# Longest input per target: an article and a story are files people write; attribute records, file names and
# command lines are short.
max_len() {
  case "$1" in
    article) echo 16384 ;;
    story) echo 8192 ;;
    scenario_attrs) echo 4096 ;;
    cli_args) echo 2048 ;;
    filename_dates) echo 256 ;;
  esac
}

usage() { sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

seconds=60
runs=""
merge=0
fast=0
from=""
build_first=1
targets=()
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -gt 0 ] || { echo "fuzz.sh: --seconds N (N > 0)" >&2; exit 2; }
               seconds="$2"; runs=""; shift 2 ;;
    --runs) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -gt 0 ] || { echo "fuzz.sh: --runs N (N > 0)" >&2; exit 2; }
            runs="$2"; shift 2 ;;
    --merge) merge=1; shift ;;
    --fast) fast=1; shift ;;
    --from) [ $# -ge 2 ] && [ -d "$2" ] || { echo "fuzz.sh: --from DIR (an existing folder of inputs)" >&2; exit 2; }
            from="$(cd "$2" && pwd)"; shift 2 ;;
    --no-build) build_first=0; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    -*) echo "fuzz.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *)
      known=0
      for t in "${all_targets[@]}"; do [ "$t" = "$1" ] && known=1; done
      [ $known = 1 ] || { echo "fuzz.sh: unknown target '$1' (${all_targets[*]})" >&2; exit 2; }
      targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
[ -z "$from" ] || [ ${#targets[@]} -eq 1 ] || { echo "fuzz.sh: --from DIR needs exactly one target" >&2; exit 2; }
trace_cmp=ON
if [ $fast = 1 ]; then build="$build-fast"; trace_cmp=OFF; fi

if [ $build_first = 1 ]; then
  for tool in clang-14 clang++-14 cmake make; do
    command -v "$tool" >/dev/null || { echo "fuzz.sh: $tool not found; run scripts/setup.sh (installs clang-14 and libclang-rt-14-dev)" >&2; exit 2; }
  done
  if [ ! -f "$build/CMakeCache.txt" ]; then
    mkdir -p "$build"
    CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -DSITVIEW_FUZZ=ON -DBUILD_TESTING=OFF \
      -DSITVIEW_FUZZ_TRACE_CMP=$trace_cmp -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/cmake.log" 2>&1 ||
      { cat "$build/cmake.log" >&2; echo "fuzz.sh: configuring $build failed" >&2; exit 2; }
  fi
  cmake --build "$build" -j "$jobs" --target "${targets[@]/#/fuzz_}" ||
    { echo "fuzz.sh: build failed" >&2; exit 2; }
fi

# UBSan reports are fatal (-fno-sanitize-recover) and print a stack; leaks are reported at the end of each input.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}"
# --fast also spares ASan's bookkeeping that only dresses up a report: no allocation stack per malloc (a report
# still has the access's stack; rerun the saved input with the normal build for the rest) and no 0xbe fill of new
# memory. What ASan detects is unchanged.
[ $fast = 0 ] || ASAN_OPTIONS="$ASAN_OPTIONS:malloc_context_size=0:max_malloc_fill_size=0"

failed=0
for t in "${targets[@]}"; do
  exe="$build/tests/fuzz/fuzz_$t"
  [ -x "$exe" ] || { echo "fuzz.sh: $exe is not built" >&2; exit 2; }
  work="$build/fuzz-run/$t"
  # --from may name this very corpus (continuing the last run): take its inputs before the folder is replaced.
  kept=""
  if [ -n "$from" ]; then kept="$(mktemp -d)"; cp -R "$from/." "$kept/"; fi
  rm -rf "$work/corpus"
  mkdir -p "$work/corpus" "$work/artifacts"
  cp -R "$root/tests/fuzz/corpus/$t/." "$work/corpus/" 2>/dev/null || true
  if [ -n "$kept" ]; then cp -R "$kept/." "$work/corpus/"; rm -rf "$kept"; fi
  before="$(ls "$work/artifacts" | wc -l)"
  if [ -n "$runs" ]; then limit=(-runs="$runs"); else limit=(-max_total_time="$seconds"); fi
  echo "fuzz.sh: $t (log: $work/fuzz.log)" >&2
  start="$(date +%s.%N)"
  set +e
  "$exe" "$work/corpus" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 "${extra[@]}" >"$work/fuzz.log" 2>&1
  rc=$?
  set -e
  end="$(date +%s.%N)"
  elapsed="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", b - a }')"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -1 || true)"
  # Without final stats (a crash), the last progress line "#N ..." counts the executions so far.
  [ -n "$execs" ] || execs="$(grep -o '^#[0-9]*' "$work/fuzz.log" | tail -1 | tr -d '#' || true)"
  [ -n "$execs" ] || execs=0
  new="$(ls -t "$work/artifacts" | head -n $(( $(ls "$work/artifacts" | wc -l) - before )))"
  if [ $rc -eq 0 ] && [ -z "$new" ]; then
    status="ok"
  elif [ -z "$new" ] && grep -q 'libFuzzer: run interrupted' "$work/fuzz.log"; then
    failed=1
    status="interrupted before the end (exit $rc), nothing found"
  else
    failed=1
    # What kind of problem: libFuzzer names the artifact after it; a crash is refined by the report in the log.
    kind="crash"
    case "$new" in
      leak-*) kind="leak" ;;
      timeout-*) kind="timeout" ;;
      oom-*) kind="out-of-memory" ;;
      slow-unit-*) kind="slow unit" ;;
    esac
    if [ "$kind" = crash ]; then
      if grep -q 'fuzz check failed' "$work/fuzz.log"; then kind="check failed"
      elif grep -q 'runtime error:' "$work/fuzz.log"; then kind="undefined behaviour"
      elif grep -q 'ERROR: AddressSanitizer' "$work/fuzz.log"; then kind="memory error"
      fi
    fi
    status="FAILED: $kind (exit $rc)"
    for a in $new; do status+=", $work/artifacts/$a"; done
    {
      echo "---- $t: last lines of $work/fuzz.log ----"
      grep -v '^#[0-9]' "$work/fuzz.log" | tail -40
      echo "----"
    } >&2
  fi
  if [ $merge = 1 ]; then
    # Only the inputs that add coverage go into the seed corpus (libFuzzer's merge minimises the set).
    "$exe" -merge=1 -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
      "$root/tests/fuzz/corpus/$t" "$work/corpus" >"$work/merge.log" 2>&1 ||
      { echo "fuzz.sh: merging into tests/fuzz/corpus/$t failed (see $work/merge.log)" >&2; failed=1; }
  fi
  echo "fuzz $t: $execs executions, $elapsed s, $status"
done

exit $failed
