#!/bin/sh
# Loads full Fashion-MNIST (gzip IDX from the Debian package) with the fashion-mnist loader and with
# numpy, and prints the median time of each. Usage: bench/loader/run.sh [FOLDER] [REPEATS]
set -e
cd "$(dirname "$0")/../.."
folder="${1:-/usr/share/datasets/fashion-mnist}"
repeats="${2:-5}"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -ntp -q -pl loader -am package -DskipTests dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null
cp="loader/target/classes:$(cat "$cp_file")"
nproc | sed 's/^/cores: /'
java -version 2>&1 | head -1
java --add-modules jdk.incubator.vector -Xmx2g -cp "$cp" bench/loader/LoaderTiming.java "$folder" "$repeats" 2>/dev/null
/usr/bin/python3 bench/loader/loader_timing.py "$folder" "$repeats"
