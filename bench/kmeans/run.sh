#!/usr/bin/env bash
# k-means benchmark: ImageClustering and scikit-learn side by side, same data, same starts.
# Usage (from anywhere): bench/kmeans/run.sh [repeats=3] [fashion-mnist folder]
# Needs: JDK 17, Maven, /usr/bin/python3 with python3-sklearn, Fashion-MNIST IDX .gz files
# (apt-get install -y dataset-fashion-mnist puts them in /usr/share/datasets/fashion-mnist).
# Results: bench/out/kmeans/ (ours.json, sklearn.json, summary.md, memory.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEATS="${1:-3}"
FASHION="${2:-/usr/share/datasets/fashion-mnist}"
OUT=bench/out/kmeans
mkdir -p "$OUT"

# The bench code lives in core's test sources; build them through the reactor (no install).
# one reactor invocation, so that core's test-scope test-support resolves to its freshly built classes
# (the class path file is written per module; core, built last, writes it last)
mvn -B -ntp -q test-compile dependency:build-classpath -pl core -am -Dmdep.outputFile="$PWD/$OUT/classpath.txt" -Dmdep.includeScope=test
# Run from a snapshot of the compiled classes, so that rebuilding during a long run cannot change them.
rm -rf "$OUT/classes" && mkdir -p "$OUT/classes" && cp -r core/target/classes "$OUT/classes/main" && cp -r core/target/test-classes "$OUT/classes/test"
CP="$OUT/classes/main:$OUT/classes/test:$(cat "$OUT/classpath.txt")"
JAVA=(java --add-modules jdk.incubator.vector -cp "$CP")

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "python: $(/usr/bin/python3 -c 'import sklearn, numpy, sys; print(sys.version.split()[0], "sklearn", sklearn.__version__, "numpy", numpy.__version__)')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"

# Each case runs ours and then scikit-learn back to back, so that a change of machine load
# between cases hits both sides of its ratio alike.
# CASES="cifar_k10 cifar_k100" bench/kmeans/run.sh reruns some cases (the report reads every case's files).
rm -f "$OUT"/cifar_shaped.npy
for CASE in ${CASES:-fmnist_k10 fmnist_k50 cifar_k10 cifar_k100}; do
  "${JAVA[@]}" -Xmx3g org.imageclustering.core.bench.KMeansBench "$OUT" "$REPEATS" "$FASHION" "$CASE"
  /usr/bin/python3 bench/kmeans/sklearn_bench.py "$OUT" "$REPEATS" "$FASHION" "$CASE"
  echo "load after $CASE: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
done
if [ -z "${CASES:-}" ]; then
  "${JAVA[@]}" -Xmx2g org.imageclustering.core.bench.KMeansBench memory "$OUT"
fi
/usr/bin/python3 bench/kmeans/report.py "$OUT"
