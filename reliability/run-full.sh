#!/usr/bin/env bash
# Full-size reliability run (issue 8): 2,000 packets with 3 kill -9 per service, 1,000 poison pills,
# 200 packets with hostile artifacts, broker and registry restarts. Appends the figures of this run to
# reliability/RESULTS.md. Takes 30-60 minutes on a 2-core machine.
#   reliability/run-full.sh                 # everything, full size
#   reliability/run-full.sh CrashIT         # one test, full size
# Environment: BUILD_DIR (default target), MVN_OPTS (e.g. -o), PACKETS, KILLS, HOSTILE_PACKETS, SEED.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-target}"
TESTS="${1:-CrashIT,PoisonPillIT,HostileArtifactsIT,RestartIT}"
FIGURES="$HERE/cli/$BUILD_DIR/reliability/figures.md"
mkdir -p "$(dirname "$FIGURES")"
: > "$FIGURES"
cd "$HERE"
# the services run from the packaged CLI (cli/$BUILD_DIR/handoff-cli.jar + lib/): build it first
mvn -B -q ${MVN_OPTS:-} -Dbuild.dir.name="$BUILD_DIR" -DskipTests install
set +e
mvn -B ${MVN_OPTS:-} -pl cli -Dbuild.dir.name="$BUILD_DIR" verify -DskipUTs \
  -Dit.test="$TESTS" -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dhandoff.reliability.packets="${PACKETS:-2000}" \
  -Dhandoff.reliability.kills="${KILLS:-3}" \
  -Dhandoff.reliability.poison=1000 \
  -Dhandoff.reliability.hostile.packets="${HOSTILE_PACKETS:-200}" \
  -Dhandoff.reliability.restart.packets=500 \
  ${SEED:+-Dhandoff.reliability.seed=$SEED}
RC=$?
set -e
{
  echo
  echo "## Full run $(date -u +%Y-%m-%dT%H:%MZ) (exit $RC, $(nproc) cores)"
  echo
  echo "| when | test | figures |"
  echo "| --- | --- | --- |"
  cat "$FIGURES"
} >> "$HERE/reliability/RESULTS.md"
echo "figures appended to reliability/RESULTS.md" >&2
exit $RC
