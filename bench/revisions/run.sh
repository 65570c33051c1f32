#!/usr/bin/env bash
# Two revisions of ImageClustering side by side in one run: the k-means and spectral benchmarks of
# each, interleaved (A, B, A, B, ...) so that a drift of the machine's speed hits both alike, plus
# a check that both give the same labels, centroids and distortion.
#
#   bench/revisions/run.sh <revision A> [revision B = HEAD] [rounds = 3]
#
# Each revision is checked out into bench/out/revisions/<A or B>/src and built there with its own
# benchmark code (so a refactoring that renames engine classes is measured through its own API).
# Needs the Fashion-MNIST IDX files (apt-get install -y dataset-fashion-mnist) or FASHION=<folder>.
# Results: bench/out/revisions/summary.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
A_REV=$(git rev-parse --short "${1:?usage: bench/revisions/run.sh <revision A> [revision B] [rounds]}")
B_REV=$(git rev-parse --short "${2:-HEAD}")
ROUNDS=${3:-3}
FASHION=${FASHION:-/usr/share/datasets/fashion-mnist}
OUT=$PWD/bench/out/revisions
mkdir -p "$OUT"

build() { # side revision
  local side=$1 rev=$2 dir=$OUT/$1
  rm -rf "$dir" && mkdir -p "$dir"
  git archive "$rev" | tar -x -C "$dir" --one-top-level=src
  # one reactor invocation with -am: newer revisions' core tests use the test-support module
  (cd "$dir/src" && mvn -B -ntp -q test-compile dependency:build-classpath -pl core -am \
     -Dmdep.outputFile="$dir/cp.txt" -Dmdep.includeScope=test)
  echo "$dir/src/core/target/classes:$dir/src/core/target/test-classes:$(cat "$dir/cp.txt")" > "$dir/classpath"
  echo "$rev" > "$dir/revision"
}

kmeans() { # side round case
  local dir=$OUT/$1
  java --add-modules jdk.incubator.vector -Xmx3g -cp "$(cat "$dir/classpath")" \
      org.imageclustering.core.bench.KMeansBench "$dir/kmeans-$2" 1 "$FASHION" "$3" >/dev/null
}

spectral() { # side round
  local dir=$OUT/$1
  java --add-modules jdk.incubator.vector -Xmx3g -cp "$(cat "$dir/classpath")" "$dir/src/bench/spectral/SpectralBench.java" \
      "$FASHION/train-images-idx3-ubyte.gz" 20000 2 0 "$dir/spectral-labels-$2.txt" affinity=knn neighbors=10 \
      2>/dev/null | tail -1 > "$dir/spectral-$2.txt"
}

build A "$A_REV"
build B "$B_REV"
{
  echo "A = $A_REV, B = $B_REV, $ROUNDS rounds, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(java -version 2>&1 | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"
for ((r = 1; r <= ROUNDS; r++)); do
  for side in A B; do
    for c in fmnist_k10 fmnist_k50; do kmeans "$side" "$r" "$c"; done
    spectral "$side" "$r"
    echo "round $r $side done, load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
/usr/bin/python3 bench/revisions/report.py "$OUT" "$ROUNDS" | tee "$OUT/summary.md"
