#!/usr/bin/env bash
# k-means on Spark: ours against MLlib's, and against our local engine, in one JVM on one local[2]
# session, from the same k-means++ start.
# Usage (from anywhere): bench/spark/run.sh [rounds=3] [fashion-mnist folder]
# Environment: ITERATIONS (default 20), PARTITIONS (default 4, what SparkMain cuts local[2] into),
# KS (default "10 50"), HEAP (default 6g).
# Needs: JDK 17, Maven, Fashion-MNIST IDX .gz files (apt-get install -y dataset-fashion-mnist puts
# them in /usr/share/datasets/fashion-mnist).
# Results: bench/out/spark/ (results.json, summary.md, machine.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-3}"
FASHION="${2:-/usr/share/datasets/fashion-mnist}"
ITERATIONS="${ITERATIONS:-20}"
PARTITIONS="${PARTITIONS:-4}"
KS="${KS:-10 50}"
HEAP="${HEAP:-6g}"
OUT=bench/out/spark
mkdir -p "$OUT"

# The bench code lives in the spark module's test sources (MLlib is a test dependency there);
# one reactor invocation builds them and writes the module's test class path (no install).
mvn -B -ntp -q -Pspark test-compile dependency:build-classpath -pl spark -am \
    -Dmdep.outputFile="$PWD/$OUT/classpath.txt" -Dmdep.includeScope=test
# Run from a snapshot of the compiled classes, so that rebuilding during the run cannot change them.
rm -rf "$OUT/classes" && mkdir -p "$OUT/classes"
for m in core loader features reporting experiments test-support; do
  cp -r "$m/target/classes" "$OUT/classes/$m"
done
cp -r spark/target/classes "$OUT/classes/spark" && cp -r spark/target/test-classes "$OUT/classes/spark-test"
CP="$OUT/classes/spark:$OUT/classes/spark-test"
for m in core loader features reporting experiments test-support; do CP="$CP:$OUT/classes/$m"; done
# The reactor's own modules come first; the class path file names them by their target folders.
CP="$CP:$(cat "$OUT/classpath.txt")"
# The JVM options Spark needs in-process, as the spark module's tests get them (one list, in its pom).
SPARK_JVM_ARGS=$(sed -n 's:.*<spark.jvm.args>\(.*\)</spark.jvm.args>.*:\1:p' spark/pom.xml)

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- core loader spark || echo ' (modified)')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"

# shellcheck disable=SC2086 # the option list and KS are meant to split
java --add-modules jdk.incubator.vector $SPARK_JVM_ARGS -Xmx"$HEAP" -cp "$CP" \
    org.imageclustering.spark.bench.SparkKMeansBench "$OUT" "$ROUNDS" "$FASHION" "$ITERATIONS" "$PARTITIONS" $KS \
    2> "$OUT/stderr.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
