#!/usr/bin/env bash
# One run at 1,000,000 reports (10 GB of text, ~25 GB of index: check `df` first), the figures
# of the README's "1,000,000 reports" paragraph: generation, extraction and rg -c on the same
# files, indexing, then cited-by and search latency (one timed pass) and rg -l for 5 symbols.
#
#   cargo build --release && bench/million.sh      # about 50 minutes on 2 cores
#
# Work files go to $BENCH_DIR (default /tmp/trichdan-million); everything is printed.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
W=${BENCH_DIR:-/tmp/trichdan-million}
mkdir -p "$W"
BIN=$W/trichdan.bin
cp "${TRICHDAN:-$(dirname "$HERE")/target/release/trichdan}" "$BIN" || exit 2
RE='[0-9]+(/[0-9]{4})?[-/][A-ZĐ][A-Za-zĐ]*[/-][A-ZĐ][A-Za-z0-9Đ]*'
say() { echo "[$(date +%T)] $*"; }
say generate
[ -d "$W/archive" ] || /usr/bin/time -f "generate %e s %M KB" "$BIN" generate --count 1000000 \
  --seed 42 --utf16-every 50 --legacy-every 100 "$W/archive" >/dev/null
du -sb "$W/archive"
say warm; find "$W/archive" -type f -print0 | xargs -0 cat >/dev/null
say extract
/usr/bin/time -f "extract %e s %M KB" "$BIN" extract "$W/archive" >"$W/extract.jsonl"
ls -l "$W/extract.jsonl"; wc -l <"$W/extract.jsonl"; rm -f "$W/extract.jsonl"
say rg; for _ in 1 2; do /usr/bin/time -f "rg -c %e s %M KB" rg -c "$RE" "$W/archive" >/dev/null; done
say index
/usr/bin/time -f "index %e s %M KB" "$BIN" index "$W/archive" --index "$W/index" --memory 256
du -sb "$W/index"
say questions
python3 "$HERE/eval.py" sample --truth "$W/archive.truth.jsonl" --archive "$W/archive" \
  --search "$HERE/queries/search.txt" --outdir "$W/q" --seed 42 --out "$W/q/sample.json"
"$BIN" bench-queries --index "$W/index" --cited-by "$W/q/cited_by.txt" --search "$W/q/search.txt" \
  --runs 1 >"$W/queries.json"
python3 -c "
import json; d=json.load(open('$W/queries.json'))
for x in d: print({k:v for k,v in x.items() if k not in ('per_query','samples')})"
say rg -l
for s in $(head -5 "$W/q/rg20.txt"); do
  /usr/bin/time -f "rg -l $s %e s" rg -l -F -- "$s" "$W/archive" >/dev/null
done
say done
