#!/usr/bin/env bash
# Transforms benchmark: PCA solvers at Fashion-MNIST and CIFAR-10 shapes, then k-means (K=10, 5 seeds)
# on the full Fashion-MNIST training set with raw pixels, PCA-50, HOG and patch features.
# Usage: bench/transforms/run.sh [fashion-mnist-dir] [threads]
# Metrics (NMI, Hungarian-matched accuracy, 95% t-intervals) are computed by metrics.py with
# Debian's scikit-learn from the labels the Java side writes.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-/usr/share/datasets/fashion-mnist}
THREADS=${2:-2}
OUT=bench/out/transforms/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT/classes"
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -q -B -ntp -pl features -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$PWD/$OUT/deps.txt" >/dev/null
# run from copies, so that rebuilding the worktree during a long run cannot change the code under test
mkdir -p "$OUT/lib"
cp features/target/imageclustering-features-*.jar loader/target/imageclustering-loader-*.jar core/target/imageclustering-core-*[0-9T].jar "$OUT/lib/"
CP="$OUT/lib/*:$(tr ':' '\n' < "$OUT/deps.txt" | grep -v '/target/' | paste -sd:)"
javac -nowarn --add-modules jdk.incubator.vector -cp "$CP" -d "$OUT/classes" bench/transforms/*.java 2>&1 | grep -v incubator || true
JAVA="java -Xmx12g --add-modules jdk.incubator.vector -cp $CP:$OUT/classes"

echo "== feature sets, k-means K=10, 5 seeds, full train"
$JAVA FeatureBench "$DATA" "$OUT" "$THREADS" 5 0 \
  'raw=' \
  'pca50=pca:components=50' \
  'hog=hog:cell-size=4' \
  'hog-pca50=hog:cell-size=4|pca:components=50' \
  'patch-std-pca50=patch-kmeans-features|standardize|pca:components=50' \
  2>&1 | grep --line-buffered -v incubator | tee "$OUT/features.log"
/usr/bin/python3 bench/transforms/metrics.py "$OUT" | tee "$OUT/table.md"

echo "== PCA solvers"
$JAVA PcaTiming "$DATA" 50 "$THREADS" randomized,covariance 2>&1 | grep --line-buffered -v incubator | tee "$OUT/pca.txt"
$JAVA PcaTiming "cifar-shaped:$DATA" 100 "$THREADS" randomized,covariance 2>&1 | grep --line-buffered -v incubator | tee -a "$OUT/pca.txt"

echo "results in $OUT"
