#!/usr/bin/env bash
# Throughput of the format readers (issue 9): trichdan extract on DOCX and on PDF (by pdftotext
# and by pdf-extract) next to poppler's pdftotext alone on the same files, and plain text for
# reference. MB/s are of the input files' bytes; pages/s of the PDFs' pages (pdfinfo).
#
#   bench/formats.sh [COPIES]     (default 20 copies of each of the five seeds per format)
#
# DOCX fixtures are written by the test suite's writer; the PDFs are copies of
# tests/fixtures/pdf (reportlab, DejaVu Sans subset). Work files go to $BENCH_DIR/formats.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BIN=${TRICHDAN:-$ROOT/target/release/trichdan}
DIR=${BENCH_DIR:-/tmp/trichdan-bench-formats}/formats
COPIES=${1:-20}
rm -rf "$DIR" && mkdir -p "$DIR"
(cd "$ROOT" && BENCH_FORMATS_DIR=$DIR BENCH_FORMATS_COPIES=$COPIES \
  cargo test --release --test formats -- --ignored write_bench_fixtures >/dev/null 2>&1) \
  || { echo "could not write the fixtures" >&2; exit 1; }
# the PDFs: the checked-in reportlab ones (subset font, read by both extractors), COPIES times
rm -f "$DIR"/pdf/*.pdf
for c in $(seq 1 "$COPIES"); do
  for f in "$ROOT"/tests/fixtures/pdf/*.pdf; do cp "$f" "$DIR/pdf/$c-$(basename "$f")"; done
done
bytes() { du -cb "$1"/* | tail -1 | cut -f1; }
pages=0
if command -v pdfinfo >/dev/null; then
  for f in "$DIR"/pdf/*.pdf; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}'))); done
fi
# time_it LABEL FOLDER CMD...: best of 3 wall times
time_it() {
  local label=$1 folder=$2; shift 2
  local best=
  for _ in 1 2 3; do
    local t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    local t=$(echo "$(date +%s.%N) - $t0" | bc -l)
    if [ -z "$best" ] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
  done
  local b=$(bytes "$folder") n=$(ls "$folder" | wc -l)
  local p=""
  [ "$folder" = "$DIR/pdf" ] && [ "$pages" -gt 0 ] && p=$(printf '%.0f' "$(echo "$pages / $best" | bc -l)")
  printf '| %-34s | %5d | %8.1f | %6.3f | %7.2f | %9s |\n' "$label" "$n" "$(echo "$b / 1048576" | bc -l)" \
    "$best" "$(echo "$b / 1048576 / $best" | bc -l)" "${p:-—}"
}
pdftotext_all() { for f in "$DIR"/pdf/*.pdf; do pdftotext -enc UTF-8 -q -raw "$f" - ; done; }
echo "| what | files | MB | s | MB/s | pages/s |"
echo "|---|---:|---:|---:|---:|---:|"
time_it "trichdan extract, plain text" "$DIR/txt" "$BIN" extract "$DIR/txt"
time_it "trichdan extract, DOCX" "$DIR/docx" "$BIN" extract "$DIR/docx"
if command -v pdftotext >/dev/null; then
  time_it "trichdan extract, PDF (pdftotext)" "$DIR/pdf" env TRICHDAN_PDF=pdftotext "$BIN" extract "$DIR/pdf"
  time_it "pdftotext alone, one file at a time" "$DIR/pdf" pdftotext_all
fi
time_it "trichdan extract, PDF (pdf-extract)" "$DIR/pdf" env TRICHDAN_PDF=pdf-extract "$BIN" extract "$DIR/pdf"
echo "($pages PDF pages; $(nproc) cores)"
