#!/usr/bin/env bash
# Summarises a JFR recording of the benchmark (BENCH_JFR=FILE ./bench/run.sh ...): CPU samples by thread
# group, by top frame, and by the first frame inside handoff / Kafka / Avro / Apicurio / Tika code.
#   ./bench/jfr-summary.sh FILE [TOP] [FROM TO]   (FROM/TO as HH:MM:SS from the benchmark log: one phase only)
set -euo pipefail
FILE="$1"; TOP="${2:-25}"; FROM="${3:-00:00:00}"; TO="${4:-99:99:99}"
JFR="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"
"$JFR" print --events jdk.ExecutionSample --stack-depth 40 "$FILE" | awk -v top="$TOP" -v from="$FROM" -v to="$TO" '
  function group(t) {
    if (t ~ /^extractor|handoff-extractor/) return "extractor-service";
    if (t ~ /^normalizer|handoff-normalizer/) return "normalizer-service";
    if (t ~ /^router|handoff-router/) return "router-service";
    if (t ~ /^bench-.*hop/) return "pass-through";
    if (t ~ /reader|extract/) return "extraction pool";
    if (t ~ /^(main)$/) return "main (bare loop, generation)";
    if (t ~ /kafka|broker|controller|data-plane|Raft|raft|Log|quorum|group-coordinator|transaction/) return "broker";
    return t;
  }
  /startTime = / { ts = $3; inside = (ts >= from && ts <= to); next }
  /sampledThread = / { match($0, /"[^"]*"/); thread = substr($0, RSTART+1, RLENGTH-2); g = group(thread); next }
  /stackTrace = \[/ { depth = 0; first = ""; own = ""; next }
  /^[ \t]+[a-zA-Z_$][a-zA-Z0-9_$.]*\(/ {
    f = $1; sub(/\(.*/, "", f);
    if (depth == 0) first = f;
    if (own == "" && f ~ /^(dev\.handoff|org\.apache\.kafka|org\.apache\.avro|io\.apicurio|org\.apache\.tika|org\.bytedeco|org\.rocksdb|com\.fasterxml)/) own = f;
    depth++; next
  }
  /^\]/ || /^  \]/ { if (!inside) next; total++; byGroup[g]++; byTop[first]++; byOwn[own == "" ? "(jdk only) " first : own]++; next }
  END {
    printf "samples: %d\n\n== by thread group ==\n", total;
    for (k in byGroup) printf "%6d %5.1f%%  %s\n", byGroup[k], 100*byGroup[k]/total, k | "sort -rn | head -" top; close("sort -rn | head -" top);
    printf "\n== by top frame ==\n";
    for (k in byTop) printf "%6d %5.1f%%  %s\n", byTop[k], 100*byTop[k]/total, k | "sort -rn | head -" top; close("sort -rn | head -" top);
    printf "\n== by first handoff/kafka/avro/apicurio/tika frame ==\n";
    for (k in byOwn) printf "%6d %5.1f%%  %s\n", byOwn[k], 100*byOwn[k]/total, k | "sort -rn | head -" top; close("sort -rn | head -" top);
  }'
