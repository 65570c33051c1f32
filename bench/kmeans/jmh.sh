#!/usr/bin/env bash
# JMH benchmark of the distance kernel (one thread): SIMD block assignment vs the exact scalar loop.
# Usage: bench/kmeans/jmh.sh [extra JMH options, e.g. -p shape=784:10]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=bench/out/kmeans
mkdir -p "$OUT"
# one reactor invocation, so that core's test-scope test-support resolves to its freshly built classes
# (the class path file is written per module; core, built last, writes it last)
mvn -B -ntp -q test-compile dependency:build-classpath -pl core -am -Dmdep.outputFile="$PWD/$OUT/classpath.txt" -Dmdep.includeScope=test
CP="core/target/classes:core/target/test-classes:$(cat "$OUT/classpath.txt")"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java --add-modules jdk.incubator.vector -cp "$CP" org.openjdk.jmh.Main KernelBench -rf text -rff "$OUT/jmh.txt" "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
