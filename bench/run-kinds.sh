#!/usr/bin/env bash
# Extraction cost per artifact kind on one thread: ./bench/run-kinds.sh [--rounds N] [DIR...]
# Default folders: the project corpus and, when found beside the repository, shared/corpus/real.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BUILD="${HANDOFF_BUILD_DIR:-target}"
CLI="$ROOT/cli/$BUILD"
BENCH="$ROOT/bench/$BUILD"
if [ ! -f "$BENCH/handoff-bench.jar" ] || [ ! -d "$CLI/lib" ]; then
  (cd "$ROOT" && mvn -q -B -DskipTests -Dbuild.dir.name="$BUILD" package) >&2
fi
ARGS=("$@")
if [ ${#ARGS[@]} -eq 0 ] || [[ "${ARGS[0]}" == --* && ${#ARGS[@]} -le 2 ]]; then
  ARGS+=("$ROOT/corpus/packets")
  [ -d "$ROOT/../shared/corpus/real" ] && ARGS+=("$ROOT/../shared/corpus/real")
fi
export OMP_THREAD_LIMIT="${OMP_THREAD_LIMIT:-1}"
exec java -Xmx2g -Djava.awt.headless=true -Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.handoff.avro \
  -cp "$BENCH/handoff-bench.jar:$CLI/handoff-cli.jar:$CLI/lib/*" dev.handoff.bench.ArtifactsPerKind "${ARGS[@]}"
