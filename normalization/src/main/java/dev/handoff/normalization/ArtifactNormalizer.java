package dev.handoff.normalization;

import dev.handoff.avro.ArtifactExtracted;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.core.FieldNames;
import dev.handoff.normalization.contact.ContactMatcher;
import dev.handoff.normalization.entitlement.PlanClaimNormalizer;
import dev.handoff.normalization.environment.EnvironmentNormalizer;
import dev.handoff.normalization.impact.ImpactMapper;
import dev.handoff.normalization.surface.SurfaceMatcher;
import dev.handoff.normalization.tenant.AliasIndex;
import dev.handoff.normalization.tenant.TenantResolver;
import dev.handoff.normalization.time.TimeNormalizer;
import dev.handoff.normalization.trace.NormalizedValues;
import dev.handoff.normalization.trace.TraceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Normalizes one artifact's candidates against the reference data as of now: every field's
 * normalizer runs, and the result carries the values, the reference facts they used and warnings.
 */
public final class ArtifactNormalizer {

    private static final Logger LOGGER = LoggerFactory.getLogger(ArtifactNormalizer.class);

    private final NormalizationConfig config;

    public ArtifactNormalizer() {
        this(NormalizationConfig.defaults());
    }

    public ArtifactNormalizer(final NormalizationConfig config) {
        this.config = config;
    }

    public NormalizationResult normalize(final ArtifactExtracted artifact, final ReferenceView reference) {
        final List<Candidate> candidates = artifact.getCandidates() == null ? List.of() : artifact.getCandidates();
        final Map<String, String> artifactAttributes = artifact.getAttributes() == null ? Map.of() : artifact.getAttributes();
        final double ocrCap = config.ocrConfidenceCap();
        // the alias index is rebuilt per artifact because the reference view changes while packets are in flight
        final AliasIndex index = AliasIndex.of(reference.tenants());
        final ReferenceUsage usage = new ReferenceUsage();
        final List<NormalizedValue> values = new ArrayList<>();

        final List<NormalizedValue> tenants = new TenantResolver(index, ocrCap).resolve(candidates, usage);
        values.addAll(tenants);
        values.addAll(new EnvironmentNormalizer(index, ocrCap).normalize(candidates));
        values.addAll(new SurfaceMatcher(ocrCap).match(candidates, reference.surfaces()));
        values.addAll(new TimeNormalizer(ocrCap).normalize(candidates, artifactAttributes));
        values.addAll(new ImpactMapper().map(candidates));
        values.addAll(new PlanClaimNormalizer().normalize(candidates, reference.plans(), usage));
        final Set<String> resolved = new LinkedHashSet<>();
        tenants.stream().filter(v -> v.getValue() != null).forEach(v -> resolved.add(v.getValue()));
        values.addAll(new ContactMatcher(index, config.defaultPhoneRegion())
                .match(candidates, reference.contacts(), resolved, usage));
        for (final Candidate c : candidates) {
            if (c.getType() == MentionType.ESCALATION_REQUEST && c.getValue() != null && !c.getValue().isBlank()) {
                values.add(NormalizedValues.of(FieldNames.REQUESTED_ESCALATION, c.getValue().strip(), c.getConfidence(),
                        List.of(c.getEvidence()), TraceBuilder.start().step("copy", c.getValue(), c.getValue().strip(), false)
                                .build(), new LinkedHashMap<>(c.getAttributes())).build());
            }
        }
        // contacts may name tenants the mentions did not; their roster and entitlements belong in the facts too
        for (final NormalizedValue v : values) {
            if (v.getContact() != null && v.getContact().getTenantId() != null
                    && index.tenant(v.getContact().getTenantId()) != null) {
                usage.tenant(index.tenant(v.getContact().getTenantId()));
            }
        }
        LOGGER.debug("normalized artifact={} candidates={} values={}", artifact.getArtifact().getArtifactId(),
                candidates.size(), values.size());
        return new NormalizationResult(values, usage.toFacts(reference), new ArrayList<>());
    }
}
