#!/usr/bin/env bash
# handoff performance benchmark (issue 10): bare extraction, Streams pass-through and the whole pipeline
# over one generated corpus, in one JVM with the embedded broker and registry.
#   ./bench/run.sh [--quick] [--packets N] [--artifacts-per-packet K] [--out DIR]
# Writes bench/results/latest.json, latest.md and latest.png (or DIR/...).
# Environment: HANDOFF_BUILD_DIR (build folder, default target), BENCH_JVM_OPTS (default -Xmx3g -XX:+UseG1GC),
#   BENCH_JFR=FILE records a JFR profile of the whole run (settings=profile) into FILE.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BUILD="${HANDOFF_BUILD_DIR:-target}"
CLI="$ROOT/cli/$BUILD"
BENCH="$ROOT/bench/$BUILD"

if [ ! -f "$BENCH/handoff-bench.jar" ] || [ ! -f "$CLI/handoff-cli.jar" ] || [ ! -d "$CLI/lib" ]; then
  echo "bench: building (first use)..." >&2
  (cd "$ROOT" && mvn -q -B -DskipTests -Dbuild.dir.name="$BUILD" package) >&2
fi

# The contract examples live in shared/ beside the repository (or above it): walk up to find them.
SHARED=""
dir="$ROOT"
while [ "$dir" != "/" ]; do
  if [ -d "$dir/shared/contract/examples/packets" ]; then SHARED="$dir/shared"; break; fi
  dir="$(dirname "$dir")"
done
TEMPLATES=(--templates "$ROOT/samples/packets" --reference "$ROOT/samples/reference")
if [ -n "$SHARED" ]; then
  TEMPLATES+=(--templates "$SHARED/contract/examples/packets" --reference "$SHARED/contract/examples/reference")
else
  echo "bench: shared/contract/examples not found; the samples alone have no screenshot" >&2
fi

JVM_OPTS=(${BENCH_JVM_OPTS:--Xmx3g -XX:+UseG1GC} -Djava.awt.headless=true "-Dhandoff.apicurio.home=$CLI/apicurio"
  -Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.handoff.avro)
if [ -n "${BENCH_JFR:-}" ]; then
  JVM_OPTS+=("-XX:StartFlightRecording=filename=$BENCH_JFR,settings=profile,dumponexit=true")
fi
# One OCR thread per process, as ./handoff runs it.
export OMP_THREAD_LIMIT="${OMP_THREAD_LIMIT:-1}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CP="${BENCH_CLASSPATH:-$BENCH/handoff-bench.jar:$CLI/handoff-cli.jar:$CLI/lib/*}"
cd "$ROOT"
exec "$JAVA" "${JVM_OPTS[@]}" -cp "$CP" dev.handoff.bench.Benchmark --out "$HERE/results" "${TEMPLATES[@]}" "$@"
