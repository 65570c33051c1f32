#!/usr/bin/env bash
# Spectral clustering benchmarks on Fashion-MNIST, ImageClustering beside scikit-learn in one run.
#
#   bench/spectral/run.sh oracle    # n=5,000: both fits, ARI between the labelings, NMI of each
#   bench/spectral/run.sh speed     # n=20,000: both fits, time ratio and NMI
#   bench/spectral/run.sh full      # n=60,000 exact kNN on 784 dims, and with a PCA-50 front end (ours only)
#   bench/spectral/run.sh nystrom   # n=60,000 Nystrom, m=2,000 landmarks (ours only)
#   bench/spectral/run.sh all
#
# Environment: THREADS (default 2), SEED (default 0), HEAP (default 2g), DATA (Fashion-MNIST folder).
set -euo pipefail
cd "$(dirname "$0")/../.."
THREADS=${THREADS:-2}
SEED=${SEED:-0}
HEAP=${HEAP:-2g}
DATA=${DATA:-/usr/share/datasets/fashion-mnist}
IMAGES=$DATA/train-images-idx3-ubyte.gz
LABELS=$DATA/train-labels-idx1-ubyte.gz
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

mvn -B -ntp -q compile -pl core -am
mvn -B -ntp -q dependency:build-classpath -pl core -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=runtime >/dev/null
CP="core/target/classes:$(cat "$OUT/cp.txt")"

machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
       "$(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -1);"\
       "scikit-learn $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)')"
}
load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }

ours() { # name n key=value...
  local name=$1 n=$2; shift 2
  load
  local line
  line=$(java --add-modules jdk.incubator.vector -Xmx"$HEAP" -cp "$CP" bench/spectral/SpectralBench.java \
      "$IMAGES" "$n" "$THREADS" "$SEED" "$OUT/$name.txt" "$@" 2>/dev/null | tail -1)
  echo "$name (n=$n, $*): $line"
}

theirs() { # name n
  local name=$1 n=$2
  load
  echo "$name (n=$n, scikit-learn nearest_neighbors k=10, arpack): $(OMP_NUM_THREADS=$THREADS /usr/bin/python3 \
      bench/spectral/sklearn_spectral.py "$IMAGES" "$n" 10 "$SEED" "$OUT/$name.txt")"
}

seconds_of() { sed -n 's/^[^:]*: seconds=\([0-9.]*\).*/\1/p' <<<"$1" | head -1; }

scenario=${1:-all}
machine
if [[ $scenario == oracle || $scenario == all ]]; then
  echo "== oracle: first 5,000 images, kNN k=10"
  ours ours-sym 5000 affinity=knn neighbors=10 laplacian=symmetric
  ours ours-rw 5000 affinity=knn neighbors=10 laplacian=random-walk
  theirs sklearn 5000
  /usr/bin/python3 bench/spectral/compare.py "$LABELS" ours-sym="$OUT/ours-sym.txt" ours-rw="$OUT/ours-rw.txt" \
      sklearn="$OUT/sklearn.txt"
fi
if [[ $scenario == speed || $scenario == all ]]; then
  echo "== speed: first 20,000 images, kNN k=10"
  a=$(ours ours 20000 affinity=knn neighbors=10); echo "$a"
  b=$(theirs sklearn 20000); echo "$b"
  /usr/bin/python3 bench/spectral/compare.py "$LABELS" ours="$OUT/ours.txt" sklearn="$OUT/sklearn.txt"
  /usr/bin/python3 -c "import sys; print('speed-up (sklearn / ours): %.2fx warm, %.2fx cold' % (float(sys.argv[2]) / float(sys.argv[1]), float(sys.argv[2]) / float(sys.argv[3])))" \
      "$(seconds_of "$a")" "$(seconds_of "$b")" "$(sed -n 's/.* cold_seconds=\([0-9.]*\).*/\1/p' <<<"$a" | head -1)"
fi
if [[ $scenario == full || $scenario == all ]]; then
  echo "== full: 60,000 images, kNN k=10, heap $HEAP"
  ours full-pca50 60000 affinity=knn neighbors=10 pca=50
  ours full-784 60000 affinity=knn neighbors=10
  /usr/bin/python3 bench/spectral/compare.py "$LABELS" full-pca50="$OUT/full-pca50.txt" full-784="$OUT/full-784.txt"
fi
if [[ $scenario == nystrom || $scenario == all ]]; then
  echo "== nystrom: 60,000 images, m=2,000 landmarks, RBF (median heuristic), heap $HEAP"
  ours nystrom-pca50 60000 affinity=rbf solver=nystrom landmarks=2000 pca=50
  ours nystrom-784 60000 affinity=rbf solver=nystrom landmarks=2000
  /usr/bin/python3 bench/spectral/compare.py "$LABELS" nystrom-pca50="$OUT/nystrom-pca50.txt" \
      nystrom-784="$OUT/nystrom-784.txt"
fi
load
