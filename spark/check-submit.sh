#!/usr/bin/env bash
# Runs an experiment file the way spark-submit does, and checks its results are the local runner's.
#
#   spark/check-submit.sh [experiment file] [master URL]      (defaults: configs/quickstart.yaml, local[2])
#
# No Spark distribution can be downloaded here, so this builds its class path from Maven: Spark SQL and
# MLlib with all their dependencies and nothing of this project's. It starts spark-submit's own entry
# point (org.apache.spark.deploy.SparkSubmit, what bin/spark-submit execs) with the application jar
# `mvn package -Pspark` builds, runs the local runner on the same file, and compares every run: metrics,
# iterations and trace in runs.jsonl, and every file under runs/<id>/ byte for byte.
set -euo pipefail
config=${1:-configs/quickstart.yaml}
master=${2:-local[2]}
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

spark_version=$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' spark/pom.xml | head -1)
scala=$(sed -n 's:.*<scala.binary.version>\(.*\)</scala.binary.version>.*:\1:p' spark/pom.xml | head -1)
echo "== application jar (mvn -Pspark package)"
mvn -B -ntp -q -Pspark -DskipTests package
app=$(ls spark/target/imageclustering-spark-*-app.jar)

echo "== a Spark $spark_version (Scala $scala) distribution's class path, from Maven"
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>check</groupId><artifactId>spark-distribution</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_$scala</artifactId><version>$spark_version</version></dependency>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-mllib_$scala</artifactId><version>$spark_version</version></dependency>
  </dependencies>
</project>
POM
(cd "$work" && mvn -B -ntp -q dependency:build-classpath -Dmdep.outputFile=classpath.txt)

echo "== spark-submit --master $master --class org.imageclustering.spark.SparkMain $(basename "$app") --config $config"
# bin/spark-submit's launcher adds Spark's --add-opens list itself; starting the class directly, we add it
# (the same list the build keeps in .mvn/jvm.config, which also has --add-modules jdk.incubator.vector)
# shellcheck disable=SC2046
java $(tr '\n' ' ' < .mvn/jvm.config) -cp "$(cat "$work/classpath.txt")" org.apache.spark.deploy.SparkSubmit \
  --master "$master" --conf spark.ui.enabled=false \
  --class org.imageclustering.spark.SparkMain "$app" \
  --config "$config" --set "output=$work/submitted" > "$work/submit.log" 2>&1 \
  || { tail -40 "$work/submit.log"; echo "spark-submit failed (log above)"; exit 1; }

echo "== the local runner on the same file"
mvn -B -ntp -q compile exec:java -Dconfig="$config" -Dset="output=$work/local" > "$work/local.log" 2>&1 \
  || { tail -40 "$work/local.log"; echo "the local runner failed (log above)"; exit 1; }

experiment=$(ls "$work/local")
/usr/bin/env python3 - "$work/local/$experiment" "$work/submitted/$experiment" <<'PY'
import filecmp, json, os, sys
local, submitted = sys.argv[1], sys.argv[2]
def runs(folder):
    out = {}
    for line in open(os.path.join(folder, "runs.jsonl")):
        r = json.loads(line)
        out.setdefault(r["runId"], []).append(
            (r["status"], r["metrics"], r["iterations"], [(t["distortion"], t["reassignments"]) for t in r["trace"]]))
    return out
a, b = runs(local), runs(submitted)
problems = [f"run {k}: recorded {len(b.get(k, []))} times under spark-submit" for k in a if len(b.get(k, [])) != 1]
problems += [f"run {k}: metrics, iterations or trace differ" for k in a if b.get(k) and a[k][0] != b[k][0]]
files = 0
for d, _, names in os.walk(os.path.join(local, "runs")):
    for n in names:
        p = os.path.join(d, n)
        q = os.path.join(submitted, os.path.relpath(p, local))
        files += 1
        if not os.path.exists(q) or not filecmp.cmp(p, q, shallow=False):
            problems.append(f"{os.path.relpath(p, local)} differs")
print(f"{len(a)} runs, {files} run files compared")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("spark-submit results are the local runner's")
PY
