#!/bin/sh
# Creates handoff's topics up front (run by the kafka-init container). Same partition count for every
# packet-keyed topic: the router merges packets and normalized artifacts, co-partitioned by packet id.
set -eu
B="${BOOTSTRAP:-kafka:9092}"
P="${PARTITIONS:-6}"
R="${REPLICATION:-1}"
K=/opt/kafka/bin/kafka-topics.sh
for t in handoff.packets.received handoff.extractor.artifact-tasks handoff.extractor.artifacts-extracted \
         handoff.normalizer.artifacts-normalized handoff.decisions.staged handoff.decisions.exceptions handoff.dead-letters; do
  $K --bootstrap-server "$B" --create --if-not-exists --topic "$t" --partitions "$P" --replication-factor "$R" \
     --config max.message.bytes=8388608
done
for t in handoff.ref.tenants handoff.ref.entitlements handoff.ref.support-plans handoff.ref.contacts handoff.ref.product-surfaces; do
  $K --bootstrap-server "$B" --create --if-not-exists --topic "$t" --partitions "$P" --replication-factor "$R" \
     --config cleanup.policy=compact --config max.message.bytes=8388608
done
