#!/usr/bin/env bash
# The benchmark of issues 4 and 5: trichdan against rg and SQLite FTS5 on generated archives
# whose planted citations are known.
#
#   bench/run.sh 1000 10000 100000
#
# Work files go to $BENCH_DIR (default /tmp/trichdan-bench)/SIZE; results to
# bench/results/SIZE.json and bench/results/SIZE.md. The archive of a size is generated once
# (deterministic: seed $BENCH_SEED, default 42) and reused; everything else is redone.
# Build first: cargo build --release. A failed step prints a message and the script goes on.

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BIN=${TRICHDAN:-$ROOT/target/release/trichdan}
BENCH_DIR=${BENCH_DIR:-/tmp/trichdan-bench}
SEED=${BENCH_SEED:-42}
RUNS=${BENCH_RUNS:-5}
# the index writer's memory budget in MB (trichdan index --memory)
MEMORY=${BENCH_MEMORY:-256}
EVAL="python3 $HERE/eval.py"
# a bare symbol regex, as a user would write it: number, optional /year, type code, issuer
RG_RE='[0-9]+(/[0-9]{4})?[-/][A-ZĐ][A-Za-zĐ]*[/-][A-ZĐ][A-Za-z0-9Đ]*'

[ $# -gt 0 ] || { echo "usage: $0 SIZE..." >&2; exit 2; }
[ -x "$BIN" ] || { echo "no binary at $BIN: run cargo build --release" >&2; exit 2; }
mkdir -p "$HERE/results" "$BENCH_DIR"
# a snapshot of the binary, so that a rebuild during the run does not mix two versions
cp "$BIN" "$BENCH_DIR/trichdan.bin" && BIN=$BENCH_DIR/trichdan.bin
export BENCH_VERSION="${BENCH_VERSION:-$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)$(cd "$ROOT" && \
  git status --porcelain -- src Cargo.toml 2>/dev/null | grep -q . && echo "+uncommitted changes in src")}"

say() { printf '\n[%s] %s\n' "$(date +%T)" "$*" >&2; }
# step NAME FUNCTION: runs it; a failure is recorded in NAME.json and the script goes on.
# BENCH_ONLY="index queries" redoes just those steps and keeps the others' last results.
ONLY=${BENCH_ONLY:-}
step() {
  local name=$1; shift
  if [ -n "$ONLY" ] && [ "$name" != stats ] && ! [[ " $ONLY " == *" $name "* ]]; then
    return 0
  fi
  say "$SIZE: $name"
  if ! "$@"; then
    echo "  step $name FAILED (see above); going on" >&2
    [ -s "$STEPS/$name.json" ] || printf '{"error": "step failed"}\n' >"$STEPS/$name.json"
  fi
}

# 1. the archive: N reports (every 50th in UTF-16, every 100th in a legacy 8-bit encoding) and
#    its truth, generated once per size and seed
generate() {
  if [ ! -d "$ARCHIVE" ] || [ ! -s "$TRUTH" ]; then
    rm -rf "$ARCHIVE" "$TRUTH"
    "$BIN" generate --count "$SIZE" --seed "$SEED" --utf16-every 50 --legacy-every 100 "$ARCHIVE" || return 1
  fi
  $EVAL stats --archive "$ARCHIVE" --truth "$TRUTH" --enc "$ENC" --out "$STEPS/stats.json"
}

# warm the page cache so that every tool reads the same files from memory
warm() { find "$ARCHIVE" -type f -print0 | xargs -0 cat >/dev/null; }

# 2. extraction on all cores, JSON written to a file; recall of (file, symbol) and of dates
extract() {
  warm
  $EVAL run --out "$STEPS/extract.json" --stdout "$W/extract.jsonl" -- "$BIN" extract "$ARCHIVE" || return 1
  $EVAL extract-recall --truth "$TRUTH" --records "$W/extract.jsonl" --archive "$ARCHIVE" --enc "$ENC" \
    --out "$STEPS/extract_recall.json"
}

# 3. rg counting the bare regex (median of 3 after a warm-up), and its recall from rg -o
rg_baseline() {
  rg -c "$RG_RE" "$ARCHIVE" >/dev/null
  $EVAL run --runs 3 --out "$STEPS/rg_count.json" -- rg -c "$RG_RE" "$ARCHIVE" || return 1
  rg -o --with-filename --no-line-number "$RG_RE" "$ARCHIVE" >"$W/rg.txt"
  $EVAL rg-recall --truth "$TRUTH" --matches "$W/rg.txt" --archive "$ARCHIVE" --enc "$ENC" \
    --out "$STEPS/rg_recall.json"
}

# 4. indexing from scratch with a $MEMORY MB writer budget: wall, peak RSS, size on disk
index() {
  rm -rf "$IDX"
  $EVAL run --out "$STEPS/index.json" -- "$BIN" index "$ARCHIVE" --index "$IDX" --memory "$MEMORY" || return 1
  printf '{"bytes": %s, "command": "du -sb %s"}\n' "$(du -sb "$IDX" | cut -f1)" "$IDX" >"$STEPS/index_size.json"
}

# 5. query latency in one process: ~200 cited-by (100 most cited, 100 random), ~54 searches,
#    ~50 audits of central directives; 1 warm-up + $RUNS timed passes
queries() {
  $EVAL sample --truth "$TRUTH" --archive "$ARCHIVE" --search "$HERE/queries/search.txt" --outdir "$Q" \
    --seed "$SEED" --out "$STEPS/sample.json" || return 1
  $EVAL queries --bin "$BIN" --index "$IDX" --cited_by "$Q/cited_by.txt" --search "$Q/search.txt" \
    --audit "$Q/audit.txt" --runs "$RUNS" --out "$STEPS/queries.json"
}

# 6. the cited-by question by rg -l (literal symbol, 20 symbols) and by trichdan (all sampled
#    symbols, CLI), recall and precision against the files the truth says cite it
citedby() {
  $EVAL citedby --truth "$TRUTH" --archive "$ARCHIVE" --index "$IDX" --bin "$BIN" \
    --symbols "$Q/cited_by.txt" --rg_symbols "$Q/rg20.txt" --out "$STEPS/citedby.json"
}

# 7. SQLite FTS5 with the same text: load time, the same searches, cited-by as a phrase
fts() {
  $EVAL fts-load --archive "$ARCHIVE" --db "$W/fts.sqlite" --out "$STEPS/fts_load.json" || return 1
  $EVAL fts-query --db "$W/fts.sqlite" --search "$Q/search.txt" --symbols "$Q/cited_by.txt" --truth "$TRUTH" \
    --bin "$BIN" --index "$IDX" --runs "$RUNS" --out "$STEPS/fts_query.json"
}

# 8. incremental: re-index with nothing changed, then with 1% of the files appended a citation
#    of 25-NQ/TW, then with those files restored (the archive is left as generated)
incremental() {
  $EVAL run --out "$STEPS/reindex_noop.json" -- "$BIN" index "$ARCHIVE" --index "$IDX" --memory "$MEMORY"
  $EVAL touch --archive "$ARCHIVE" --enc "$ENC" --backup "$W/touched-backup" --seed "$SEED" \
    --out "$STEPS/touch.json" || return 1
  $EVAL run --out "$STEPS/reindex_touched.json" -- "$BIN" index "$ARCHIVE" --index "$IDX" --memory "$MEMORY"
  $EVAL check-touched --backup "$W/touched-backup" --bin "$BIN" --index "$IDX" --out "$STEPS/touch_check.json"
  $EVAL restore --archive "$ARCHIVE" --backup "$W/touched-backup" || return 1
  $EVAL run --out "$STEPS/reindex_restored.json" -- "$BIN" index "$ARCHIVE" --index "$IDX" --memory "$MEMORY"
}

for SIZE in "$@"; do
  W=$BENCH_DIR/$SIZE
  ARCHIVE=$W/archive TRUTH=$W/archive.truth.jsonl ENC=$W/encodings.json IDX=$W/index Q=$W/questions
  STEPS=$W/steps
  mkdir -p "$W"
  [ -n "$ONLY" ] || rm -rf "$STEPS"
  mkdir -p "$STEPS"
  # a previous run interrupted during step 8 leaves the originals of the touched files here
  [ -d "$W/touched-backup" ] && $EVAL restore --archive "$ARCHIVE" --backup "$W/touched-backup"
  if pgrep -f 'fuzz/(target|artifacts|corpus)' >/dev/null; then
    echo "warning: a fuzzer is running; timings are disturbed" >&2
  fi
  T0=$(date +%s)
  step stats generate || { echo "no archive for $SIZE; skipping" >&2; continue; }
  step extract extract
  step rg_count rg_baseline
  step index index
  step queries queries
  step citedby citedby
  step fts_load fts
  step reindex incremental
  say "$SIZE: report ($(($(date +%s) - T0)) s in all)"
  $EVAL report --steps "$STEPS" --size "$SIZE" --seed "$SEED" \
    --json "$HERE/results/$SIZE.json" --md "$HERE/results/$SIZE.md" \
    && echo "wrote $HERE/results/$SIZE.json and $HERE/results/$SIZE.md" >&2
done
