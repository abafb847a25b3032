package dev.handoff.normalization.environment;

import dev.handoff.avro.Candidate;
import dev.handoff.avro.MentionType;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import dev.handoff.normalization.tenant.AliasIndex;
import dev.handoff.normalization.tenant.HostVariants;
import dev.handoff.normalization.text.FoldedText;
import dev.handoff.normalization.trace.NormalizedValues;
import dev.handoff.normalization.trace.TraceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Environment values of one artifact: from tenants' environment identifiers (a directory GUID or IdP
 * host names the environment it belongs to), from host names carrying {@code -test}/{@code -sandbox},
 * and from cue words; each cue is its own value with its own evidence.
 */
public final class EnvironmentNormalizer {

    private static final String STEM = "tenants";

    private final AliasIndex index;
    private final double ocrCap;

    public EnvironmentNormalizer(final AliasIndex index, final double ocrCap) {
        this.index = index;
        this.ocrCap = ocrCap;
    }

    public List<NormalizedValue> normalize(final List<Candidate> candidates) {
        final List<NormalizedValue> out = new ArrayList<>();
        for (final Candidate c : candidates) {
            if (c.getType() == MentionType.DIRECTORY_GUID) {
                identifier(c, index.guid(c.getValue()), 0.9, TraceBuilder.start(), null, out);
            } else if (c.getType() == MentionType.HOSTNAME) {
                host(c, out);
            } else if (c.getType() == MentionType.ENVIRONMENT_CUE) {
                cue(c, out);
            }
        }
        return out;
    }

    private void host(final Candidate c, final List<NormalizedValue> out) {
        final AliasIndex.DomainHit hit = index.domainOrHost(c.getValue());
        if (hit != null && hit.entries().stream().anyMatch(e -> e.environment() != null)) {
            identifier(c, hit.entries(), hit.viaParent() ? 0.8 : 0.9, TraceBuilder.start(), null, out);
            return;
        }
        final HostVariants.Variant variant = HostVariants.strip(c.getValue());
        if (variant == null) {
            return;
        }
        final List<AliasIndex.Entry> base = index.host(variant.baseHost());
        final TraceBuilder trace = TraceBuilder.start().step("host-variant", c.getValue(), variant.baseHost(), false);
        if (!base.isEmpty()) {
            identifier(c, base, 0.75, trace, variant.environment(), out);
        } else {
            final Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("cue", variant.marker());
            out.add(value(c, variant.environment(), 0.45,
                    trace.step("cue-map", variant.marker(), variant.environment(), false), attrs));
        }
    }

    /** Values for identifier entries; {@code override} is the label a host marker implies instead of the entry's. */
    private void identifier(final Candidate c, final List<AliasIndex.Entry> entries, final double base,
                            final TraceBuilder pre, final String override, final List<NormalizedValue> out) {
        for (final AliasIndex.Entry e : entries) {
            if (e.environment() == null) {
                continue;
            }
            final String label = override != null ? override : e.environment();
            final Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("tenantId", e.tenantId());
            attrs.put("cue", c.getValue());
            final String ref = TraceBuilder.reference(STEM, e.tenantId(), e.tenant().getVersion());
            final TraceBuilder trace = pre.copy().step("identifier-lookup", c.getValue(), e.environment(), false, ref);
            if (override != null && !override.equals(e.environment())) {
                trace.step("host-variant-environment", e.environment(), override, false);
            }
            final NormalizedValue v = value(c, label, entries.size() > 1 ? Math.min(base, 0.3) : base, trace, attrs);
            v.getEvidence().add(TraceBuilder.refEvidence(STEM, e.tenantId(), e.alias()));
            out.add(v);
        }
    }

    private void cue(final Candidate c, final List<NormalizedValue> out) {
        final String folded = FoldedText.fold(c.getValue());
        String label = null;
        double conf = c.getAttributes().get(SegmentContext.FIELD) != null ? 0.8 : 0.7;
        if (folded.matches(".*\\bnon ?prod(uction)?\\b.*")) {
            label = "TEST";
            conf = 0.5;
        } else if (folded.matches(".*\\bpre ?prod(uction)?\\b.*")) {
            label = "STAGING";
        } else {
            for (final String token : folded.split(" ")) {
                label = HostVariants.labelOf(token);
                if (label != null) {
                    break;
                }
            }
        }
        if (label == null) {
            return;
        }
        final Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("cue", c.getValue());
        out.add(value(c, label, conf, TraceBuilder.start().step("cue-map", c.getValue(), label, false), attrs));
    }

    private NormalizedValue value(final Candidate c, final String label, final double base, final TraceBuilder trace,
                                  final Map<String, String> attrs) {
        final boolean ocr = "true".equals(c.getAttributes().get(SegmentContext.OCR));
        if (ocr) {
            attrs.put(SegmentContext.OCR, "true");
        }
        final double conf = ocr ? Math.min(base * ocrCap, ocrCap) : base;
        return NormalizedValues.of(FieldNames.ENVIRONMENT, label, conf, List.of(c.getEvidence()), trace.build(), attrs)
                .build();
    }
}
