#!/usr/bin/env bash
# Scale: k-means over synthetic rows made on the executors of a standalone Spark cluster on this
# machine (a Master and two Workers, one core each), with a small driver heap, at three sizes.
# Usage (from anywhere): bench/spark/scale.sh [driver heap=512m] [cols=64] [rows...=5000000 10000000 20000000]
# Env: K (10), ITERATIONS (10), PARTITIONS (8), WORKER_MEMORY (7g per worker, executors get 6g).
# Results: bench/out/spark-scale/ (scale.tsv, machine.txt, logs).
set -euo pipefail
cd "$(dirname "$0")/../.."
HEAP="${1:-512m}"
COLS="${2:-64}"
shift $(( $# > 2 ? 2 : $# )) || true
ROWS=("$@")
[ ${#ROWS[@]} -gt 0 ] || ROWS=(5000000 10000000 20000000)
K="${K:-10}"
ITERATIONS="${ITERATIONS:-10}"
PARTITIONS="${PARTITIONS:-8}"
WORKER_MEMORY="${WORKER_MEMORY:-7g}"
OUT=bench/out/spark-scale
rm -rf "$OUT" && mkdir -p "$OUT/spark-dist/jars" "$OUT/executors" "$OUT/logs"

mvn -B -ntp -q -Pspark test-compile dependency:build-classpath -pl spark -am \
  -Dmdep.outputFile="$PWD/$OUT/classpath.txt" -Dmdep.includeScope=test
# The application's classes go to the executors as one jar (spark.jars); Spark and the libraries
# come from SPARK_HOME/jars, a folder of links to the class path's jars, as the Worker expects.
APP="$PWD/$OUT/imageclustering-app.jar"
rm -rf "$OUT/app" && mkdir -p "$OUT/app"
for m in core loader features reporting experiments spark; do cp -r "$m/target/classes/." "$OUT/app/"; done
cp -r spark/target/test-classes/. "$OUT/app/"
jar cf "$APP" -C "$OUT/app" .
tr ':' '\n' < "$OUT/classpath.txt" | grep '\.jar$' | while read -r j; do ln -sf "$j" "$OUT/spark-dist/jars/"; done
export SPARK_HOME="$PWD/$OUT/spark-dist" SPARK_SCALA_VERSION=2.13
OPENS=$(sed -n 's/.*<spark.jvm.args>\(.*\)<\/spark.jvm.args>.*/\1/p' spark/pom.xml)
CP="$SPARK_HOME/jars/*"

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do pkill -KILL -P "$p" 2>/dev/null || true; kill -KILL "$p" 2>/dev/null || true; done
  # executors the Workers started
  pkill -KILL -f "CoarseGrainedExecutorBackend.*$PORT" 2>/dev/null || true
}
trap cleanup EXIT
PORT=$(free_port)
java -Xmx512m $OPENS -cp "$CP" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" \
  --webui-port "$(free_port)" > "$OUT/logs/master.log" 2>&1 &
PIDS+=($!)
for w in 1 2; do
  java -Xmx512m $OPENS -cp "$CP" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$PORT" --host 127.0.0.1 \
    --cores 1 --memory "$WORKER_MEMORY" --webui-port "$(free_port)" --work-dir "$PWD/$OUT/executors" \
    > "$OUT/logs/node$w.log" 2>&1 &
  PIDS+=($!)
done
for i in $(seq 60); do
  [ "$(grep -c 'Successfully registered with master' "$OUT"/logs/node*.log 2>/dev/null | awk -F: '{s+=$2} END {print s}')" = 2 ] && break
  sleep 1
done

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "cluster: Master + 2 Workers on 127.0.0.1, 1 core and one executor each (spark.executor.memory 6g)"
  echo "driver heap: -Xmx$HEAP; data: rows x $COLS float32, K=$K, Lloyd, $ITERATIONS iterations, $PARTITIONS partitions"
} | tee "$OUT/machine.txt"

java -Xmx"$HEAP" $OPENS --add-modules jdk.incubator.vector -cp "$APP:$CP" \
  -Dspark.jars="$APP" -Dspark.driver.host=127.0.0.1 -Dspark.executor.memory=6g -Dspark.executor.cores=1 \
  -Dspark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector \
  org.imageclustering.spark.bench.ScaleBench "spark://127.0.0.1:$PORT" "$COLS" "$K" "$ITERATIONS" "$PARTITIONS" \
  "${ROWS[@]}" 2> "$OUT/logs/driver.log" | tee "$OUT/scale.tsv"
