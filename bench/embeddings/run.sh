#!/usr/bin/env bash
# Reading precomputed features: Npy.readMatrix and numpy's np.load side by side on the same file.
# Usage (from anywhere): bench/embeddings/run.sh [rows=1000000] [cols=512]
# Env: REPEATS (default 5), KEEP=1 keeps the .npy (2 GB at the default size), COLD=0 skips the
# cold-cache round (which needs root to drop the page cache).
# Needs: JDK 17, Maven, /usr/bin/python3 with numpy. Results: bench/out/embeddings/ (runs.txt, summary.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${1:-1000000}"
COLS="${2:-512}"
REPEATS="${REPEATS:-5}"
OUT=bench/out/embeddings
NPY="$OUT/features_${ROWS}x${COLS}.npy"
mkdir -p "$OUT"
[ "${KEEP:-0}" = 1 ] || trap 'rm -f "$NPY"' EXIT

# The bench main lives in core's test sources; one reactor invocation builds them (no install).
mvn -B -ntp -q test-compile dependency:build-classpath -pl core -am -Dmdep.outputFile="$PWD/$OUT/classpath.txt" -Dmdep.includeScope=test
rm -rf "$OUT/classes" && mkdir -p "$OUT/classes" && cp -r core/target/classes "$OUT/classes/main" && cp -r core/target/test-classes "$OUT/classes/test"
CP="$OUT/classes/main:$OUT/classes/test:$(cat "$OUT/classpath.txt")"
OURS=(java -Xmx6g -cp "$CP" org.imageclustering.core.bench.NpyReadBench "$NPY" ours)
# numpy asks the kernel for transparent huge pages for large arrays; this JVM flag does the same for the heap
OURS_THP=(java -Xmx6g -XX:+UseTransparentHugePages -cp "$CP" org.imageclustering.core.bench.NpyReadBench "$NPY" ours_thp)
# ...and with the heap committed up front, so that the 2 GB array does not wait for the heap to grow
OURS_XMS=(java -Xms6g -Xmx6g -XX:+UseTransparentHugePages -cp "$CP" org.imageclustering.core.bench.NpyReadBench "$NPY" ours_xms)
NUMPY=(/usr/bin/python3 bench/embeddings/np_read.py "$NPY")

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "python: $(/usr/bin/python3 -c 'import numpy, sys; print(sys.version.split()[0], "numpy", numpy.__version__)')"
  echo "file: $ROWS x $COLS float32"
} | tee "$OUT/machine.txt"

[ -f "$NPY" ] || /usr/bin/python3 bench/embeddings/make_npy.py "$NPY" "$ROWS" "$COLS"
ls -l "$NPY" | awk '{print "bytes: " $5}' | tee -a "$OUT/machine.txt"

cold=0
if [ "${COLD:-1}" = 1 ] && { sync && echo 3 > /proc/sys/vm/drop_caches; } 2>/dev/null; then
  cold=1
else
  echo "cold: skipped (dropping the page cache needs root)" | tee -a "$OUT/machine.txt"
fi
drop() { sync; echo 3 > /proc/sys/vm/drop_caches; }

# Interleaved A/B: each repeat runs ours (default JVM, with huge pages, with huge pages and -Xms6g) and then numpy, each in a fresh process, so that a change of
# machine load hits both sides alike. Warm: the file is in the page cache (read once by cat first).
: > "$OUT/runs.txt"
cat "$NPY" > /dev/null
echo "load before warm: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
for r in $(seq "$REPEATS"); do
  "${OURS[@]}" | sed 's/^/warm /' | tee -a "$OUT/runs.txt"
  "${OURS_THP[@]}" | sed 's/^/warm /' | tee -a "$OUT/runs.txt"
  "${OURS_XMS[@]}" | sed 's/^/warm /' | tee -a "$OUT/runs.txt"
  "${NUMPY[@]}" | sed 's/^/warm /' | tee -a "$OUT/runs.txt"
done
if [ "$cold" = 1 ]; then
  echo "load before cold: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
  for r in $(seq "$REPEATS"); do
    drop; "${OURS[@]}" | sed 's/^/cold /' | tee -a "$OUT/runs.txt"
    drop; "${OURS_THP[@]}" | sed 's/^/cold /' | tee -a "$OUT/runs.txt"
    drop; "${OURS_XMS[@]}" | sed 's/^/cold /' | tee -a "$OUT/runs.txt"
    drop; "${NUMPY[@]}" | sed 's/^/cold /' | tee -a "$OUT/runs.txt"
  done
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
/usr/bin/python3 bench/embeddings/report.py "$OUT/runs.txt" "$(stat -c %s "$NPY")" | tee "$OUT/summary.md"
