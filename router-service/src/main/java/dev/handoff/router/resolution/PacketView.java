package dev.handoff.router.resolution;

import dev.handoff.avro.ArtifactNormalized;
import dev.handoff.avro.ContactRecord;
import dev.handoff.avro.EntitlementRecord;
import dev.handoff.avro.NormalizedValue;
import dev.handoff.avro.PacketReceived;
import dev.handoff.avro.SupportPlanRecord;
import dev.handoff.avro.TenantRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the router knows about one packet submission: the packet event and its normalized
 * artifacts, in a deterministic order (artifacts by id), with the reference facts merged.
 */
public final class PacketView {

    /** A normalized value and the artifact it came from. */
    public record Sourced(String artifactId, NormalizedValue value) {
    }

    private final PacketReceived packet;
    private final List<ArtifactNormalized> artifacts;
    private final Map<String, TenantRecord> tenants = new TreeMap<>();
    private final Map<String, EntitlementRecord> entitlements = new TreeMap<>();
    private final Map<String, SupportPlanRecord> plans = new TreeMap<>();
    private final Map<String, ContactRecord> contacts = new TreeMap<>();

    public PacketView(final PacketReceived packet, final List<ArtifactNormalized> artifacts) {
        this.packet = packet;
        final List<ArtifactNormalized> sorted = new ArrayList<>(artifacts);
        sorted.sort(Comparator.comparing(a -> a.getArtifact().getArtifactId()));
        this.artifacts = List.copyOf(sorted);
        for (final ArtifactNormalized a : this.artifacts) {
            a.getFacts().getTenants().forEach(t -> tenants.merge(t.getTenantId(), t, PacketView::newer));
            a.getFacts().getEntitlements().forEach(e -> entitlements.merge(e.getEntitlementId(), e, PacketView::newer));
            a.getFacts().getPlans().forEach(p -> plans.merge(p.getPlan(), p, PacketView::newer));
            a.getFacts().getContacts().forEach(c -> contacts.merge(c.getContactId(), c, PacketView::newer));
        }
    }

    /** Of two copies of one reference record, the one read at the higher offset. */
    private static <T extends org.apache.avro.specific.SpecificRecord> T newer(final T a, final T b) {
        final String va = String.valueOf(a.get(a.getSchema().getField("version").pos()));
        final String vb = String.valueOf(b.get(b.getSchema().getField("version").pos()));
        return offset(vb) > offset(va) ? b : a;
    }

    private static long offset(final String version) {
        final int at = version.lastIndexOf('@');
        try {
            return at < 0 ? -1 : Long.parseLong(version.substring(at + 1));
        } catch (final NumberFormatException e) {
            return -1;
        }
    }

    public PacketReceived packet() {
        return packet;
    }

    public List<ArtifactNormalized> artifacts() {
        return artifacts;
    }

    public List<Sourced> values(final String field) {
        final List<Sourced> out = new ArrayList<>();
        for (final ArtifactNormalized a : artifacts) {
            for (final NormalizedValue v : a.getValues()) {
                if (field.equals(v.getField())) {
                    out.add(new Sourced(a.getArtifact().getArtifactId(), v));
                }
            }
        }
        return out;
    }

    public Map<String, TenantRecord> tenants() {
        return tenants;
    }

    public Map<String, EntitlementRecord> entitlements() {
        return entitlements;
    }

    public Map<String, SupportPlanRecord> plans() {
        return plans;
    }

    public Map<String, ContactRecord> contacts() {
        return contacts;
    }
}
