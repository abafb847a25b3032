#!/usr/bin/env bash
# Regenerates the scenario corpus (corpus/) and the samples (samples/) from the scenario definitions in
# corpus-generator. Output is deterministic: running it twice gives identical bytes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
build_dir="${BUILD_DIR_NAME:-target}"
mvn -q -pl corpus-generator -am -Dbuild.dir.name="$build_dir" -DskipTests install
mvn -q -pl corpus-generator -Dbuild.dir.name="$build_dir" dependency:build-classpath -Dmdep.outputFile="corpus-generator/$build_dir/classpath.txt"
cp="corpus-generator/$build_dir/classes:$(cat "corpus-generator/$build_dir/classpath.txt")"
# POI logs through log4j-api; without a provider it prints a harmless error line, so route it nowhere.
opts=(-Djava.awt.headless=true -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory)
java "${opts[@]}" -cp "$cp" dev.handoff.corpus.CorpusGenerator corpus
java "${opts[@]}" -cp "$cp" dev.handoff.corpus.CorpusGenerator samples --samples
