package dev.handoff.cli.integration;

import dev.handoff.cli.SharedFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.handoff.avro.Decision;
import dev.handoff.avro.DecisionKind;
import dev.handoff.avro.DiagnosticArtifact;
import dev.handoff.avro.Notice;
import dev.handoff.avro.PrivacyFlag;
import dev.handoff.cli.Pipeline;
import dev.handoff.common.DecisionJson;
import dev.handoff.common.TopicNames;
import dev.handoff.core.Codes;
import dev.handoff.core.ReferenceFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 4 "Redaction everywhere": a packet whose every artifact kind carries freshly generated canary
 * secrets runs through the real broker, registry and services; then every topic on the broker (internal
 * ones included) is read raw from the beginning, and every log event of the run at every level and the CLI's
 * JSON output are searched: no canary, no JWT part, no URL-encoded or base64 form of one may appear anywhere.
 *
 * <p>canaries (generated per run by {@link CanaryPacket}, all fake, none hard-coded): HAR bearer JWT (and its
 * three parts), ESTSAUTH session cookie, SAMLResponse with an Assertion (and its SignatureValue), login form
 * password, OAuth callback code; .eml pasted bearer token and AKIA access key id; ticket CSV comment password;
 * Markdown note PEM private key (each body line); XLSX sk_live_ key; DOCX ghp_ token; PNG bearer token.
 */
class CanaryLeakIT {

    private static final Logger LOGGER = LoggerFactory.getLogger(CanaryLeakIT.class);

    /** Text a reader publishes as evidence (the ticket's organization): proves the raw scan does see payloads. */
    private static final String VISIBLE_MARKER = "Brightlake Ceramics GmbH";

    @TempDir
    Path work;

    @Test
    void shouldNeverLeakCanarySecretToAnyTopicLogOrOutputWhenEveryArtifactKindCarriesOne() throws Exception {
        // Given a packet with canary secrets in a HAR, an .eml, a ticket CSV, a Markdown note, an XLSX, a DOCX and a PNG
        final Path shared = SharedFiles.shared().orElse(null);
        assumeThat(shared).as("shared/contract beside the repository").isNotNull();
        final CanaryPacket canary = new CanaryPacket();
        final Path packetDir = canary.write(work.resolve("packets"));
        final Map<String, String> needles = canary.needles();

        // When it runs through the pipeline while every log event is captured
        final Decision decision;
        final List<String> jsonLines = new ArrayList<>();
        final RawTopicScanner.Scan leaks;
        final RawTopicScanner.Scan markers;
        final Set<String> topics;
        final CanaryLogScanner logs = new CanaryLogScanner(needles);
        try {
            try (EmbeddedPipeline embedded = EmbeddedPipeline.start(Map.of())) {
                final Pipeline pipeline = embedded.pipeline();
                pipeline.publishReference(ReferenceFiles.read(shared.resolve("contract/examples/reference")));
                final Map<String, String> submissions = pipeline.publishPackets(Pipeline.readPackets(packetDir));
                decision = pipeline.awaitDecisions(submissions, Duration.ofMinutes(5)).get(0);
                jsonLines.add(DecisionJson.toJsonLine(decision));
                topics = RawTopicScanner.topics(pipeline.config());
                leaks = RawTopicScanner.scan(pipeline.config(), topics, needles);
                markers = RawTopicScanner.scan(pipeline.config(), Set.of(TopicNames.ARTIFACTS_EXTRACTED),
                        Map.of(VISIBLE_MARKER, "marker"));
            }
        } finally {
            logs.close();
        }

        LOGGER.info("canary run: {} canaries, {} patterns, {} log events ({} from handoff), records read per topic {}",
                canary.canaries().size(), needles.size(), logs.events(), logs.handoffEvents(), leaks.recordsByTopic());
        final SoftAssertions soft = new SoftAssertions();

        // Then the decision routes PRIVACY_SECRET, with flags of the right codes on every artifact that holds one
        soft.assertThat(decision.getPacketId()).isEqualTo(canary.packetId());
        soft.assertThat(decision.getDecision()).isEqualTo(DecisionKind.EXCEPTION);
        final List<Notice> secret = decision.getReasons().stream()
                .filter(n -> Codes.PRIVACY_SECRET.equals(n.getCode())).toList();
        final List<String> holders = List.of(CanaryPacket.HAR, CanaryPacket.EML, CanaryPacket.CSV, CanaryPacket.NOTE,
                CanaryPacket.XLSX, CanaryPacket.DOCX);
        soft.assertThat(secret).as("one PRIVACY_SECRET reason").hasSize(1);
        secret.forEach(n -> {
            soft.assertThat(n.getMessage()).as("PRIVACY_SECRET message names every artifact holding a secret")
                    .contains(holders);
            soft.assertThat(n.getEvidence()).as("PRIVACY_SECRET evidence").isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getExcerpt()).contains("[REDACTED"));
        });
        final List<String> flags = decision.getPrivacyFlags().stream()
                .map(f -> f.getArtifactId() + " " + f.getCode().name()).toList();
        soft.assertThat(flags).as("privacy flags (artifact code)").contains(
                CanaryPacket.HAR + " SECRET_AUTH_HEADER", CanaryPacket.HAR + " SECRET_JWT",
                CanaryPacket.HAR + " SECRET_COOKIE", CanaryPacket.HAR + " SECRET_SAML_ASSERTION",
                CanaryPacket.HAR + " SECRET_PASSWORD", CanaryPacket.HAR + " SECRET_OAUTH_CODE",
                CanaryPacket.EML + " SECRET_AUTH_HEADER", CanaryPacket.EML + " SECRET_API_KEY",
                CanaryPacket.CSV + " SECRET_PASSWORD",
                CanaryPacket.NOTE + " SECRET_PRIVATE_KEY",
                CanaryPacket.XLSX + " SECRET_API_KEY",
                CanaryPacket.DOCX + " SECRET_API_KEY");
        soft.assertThat(decision.getPrivacyFlags()).filteredOn(f -> f.getCode().name().startsWith("SECRET_"))
                .as("secret flag excerpts are redacted").allSatisfy(f -> assertThat(f.getExcerpt()).contains("[REDACTED"));
        soft.assertThat(decision.getPrivacyFlags()).filteredOn(f -> CanaryPacket.HAR.equals(f.getArtifactId()))
                .extracting(PrivacyFlag::getLocator).as("HAR flags carry JSON Pointers")
                .allSatisfy(l -> assertThat(l).startsWith("har:/log/entries/"));
        soft.assertThat(decision.getDiagnosticArtifacts()).filteredOn(a -> holders.contains(a.getArtifactId()))
                .as("diagnosticArtifacts[].sanitized of the secret-bearing artifacts")
                .hasSize(6).extracting(DiagnosticArtifact::getSanitized).containsOnly(false);

        // And the scans saw what they had to: every handoff topic, the Streams internals, payloads, log events
        soft.assertThat(topics).containsAll(TopicNames.ALL);
        soft.assertThat(topics).anyMatch(t -> t.endsWith("-changelog"));
        soft.assertThat(leaks.recordsByTopic().get(TopicNames.ARTIFACTS_EXTRACTED)).isGreaterThanOrEqualTo(7L);
        soft.assertThat(leaks.recordsByTopic().get(TopicNames.ARTIFACTS_NORMALIZED)).isGreaterThanOrEqualTo(7L);
        soft.assertThat(markers.hits()).as("the raw scan finds published evidence text").isNotEmpty();
        soft.assertThat(logs.events()).isPositive();
        soft.assertThat(logs.handoffEvents()).isPositive();

        // And no canary, in any form, anywhere: topics (keys, values, headers), logs, console, CLI JSON
        final List<String> jsonHits = new ArrayList<>();
        for (final Map.Entry<String, String> n : needles.entrySet()) {
            jsonLines.stream().filter(l -> l.contains(n.getKey())).forEach(l -> jsonHits.add(n.getValue() + " in CLI JSON"));
        }
        soft.assertThat(leaks.hits()).as("canaries in topic records").isEmpty();
        soft.assertThat(logs.hits()).as("canaries in logs or console").isEmpty();
        soft.assertThat(jsonHits).as("canaries in the CLI's JSON output").isEmpty();
        soft.assertAll();
    }
}
