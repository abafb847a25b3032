package dev.handoff.bench;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.ArtifactRef;
import dev.handoff.avro.PacketReceived;
import dev.handoff.cli.PacketDirectory;
import dev.handoff.common.AttachmentStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Generates realistic packets from the contract examples and the samples: each packet takes the
 * artifacts of one template packet (topped up from the others to reach the wanted count) under new
 * packet ids and new artifact names, so the content-hash cache (keyed by bytes, artifact id and kind
 * hint) never serves one packet from another unless a test asks for exactly that.
 */
final class BenchCorpus {

    /** One template artifact: its name, manifest hint and bytes. */
    record Template(String fileName, ArtifactKind kindHint, byte[] bytes) {

        String nameWith(final String suffix) {
            final int dot = fileName.lastIndexOf('.');
            return dot < 0 ? fileName + suffix : fileName.substring(0, dot) + suffix + fileName.substring(dot);
        }
    }

    /** One template packet: manifest fields and its text artifacts. */
    record TemplatePacket(String receivedAt, String source, String ticketId, List<Template> artifacts) {
    }

    private final List<TemplatePacket> packets;
    private final List<Template> pool;
    private final Template screenshot;
    private final AttachmentStore store;
    private final Map<Template, URI> stored = new IdentityHashMap<>();
    private final String runTag;
    private long sequence;

    private BenchCorpus(final List<TemplatePacket> packets, final Template screenshot, final AttachmentStore store) {
        this.packets = packets;
        this.pool = packets.stream().flatMap(p -> p.artifacts().stream()).toList();
        this.screenshot = screenshot;
        this.store = store;
        this.runTag = UUID.randomUUID().toString().substring(0, 6);
    }

    /** Reads the template packets under each directory; the first PNG found is the screenshot. */
    static BenchCorpus load(final List<Path> packetRoots, final AttachmentStore store) throws IOException {
        final List<TemplatePacket> templates = new ArrayList<>();
        Template png = null;
        for (final Path root : packetRoots) {
            for (final Path dir : PacketDirectory.discover(root)) {
                final PacketDirectory p = PacketDirectory.read(dir, Instant.parse("2026-11-01T00:00:00Z"));
                final List<Template> text = new ArrayList<>();
                for (final PacketDirectory.ArtifactFile a : p.artifacts()) {
                    final Template t = new Template(a.fileName(), a.kindHint(), Files.readAllBytes(a.path()));
                    if (a.fileName().toLowerCase(Locale.ROOT).endsWith(".png")) {
                        png = png == null ? t : png;
                    } else {
                        text.add(t);
                    }
                }
                if (!text.isEmpty()) {
                    templates.add(new TemplatePacket(p.receivedAt(), p.source(), p.ticketId(), text));
                }
            }
        }
        if (templates.isEmpty() || png == null) {
            throw new IllegalStateException("no template packets (or no screenshot) under " + packetRoots);
        }
        return new BenchCorpus(templates, png, store);
    }

    int templateCount() {
        return packets.size();
    }

    int poolSize() {
        return pool.size();
    }

    /** What each generated packet carries besides its text artifacts. */
    enum Screenshots {
        /** Text artifacts only: the figures without OCR. */
        NONE,
        /** A screenshot with its own name per packet: OCR runs for every packet. */
        UNIQUE,
        /** The same screenshot bytes under the same name in every packet: the cache's case. */
        REPEATED
    }

    /** {@code count} new packets of {@code artifactsPerPacket} artifacts each (the screenshot counts as one). */
    List<BenchPacket> generate(final int count, final int artifactsPerPacket, final Screenshots screenshots)
            throws IOException {
        final List<BenchPacket> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final long seq = sequence++;
            final TemplatePacket t = packets.get((int) (seq % packets.size()));
            final String suffix = "-b" + runTag + "-" + seq;
            final List<ArtifactRef> refs = new ArrayList<>();
            final int textCount = screenshots == Screenshots.NONE ? artifactsPerPacket : artifactsPerPacket - 1;
            for (int k = 0; k < textCount; k++) {
                // the template's own artifacts first, then the rest of the pool, so small packets stay coherent
                final Template a = k < t.artifacts().size() ? t.artifacts().get(k)
                        : pool.get((int) ((seq + k) % pool.size()));
                refs.add(ref(a, a.nameWith(suffix + (k < t.artifacts().size() ? "" : "-" + k))));
            }
            if (screenshots == Screenshots.UNIQUE) {
                refs.add(ref(screenshot, screenshot.nameWith(suffix)));
            } else if (screenshots == Screenshots.REPEATED) {
                refs.add(ref(screenshot, screenshot.fileName()));
            }
            final PacketReceived event = PacketReceived.newBuilder()
                    .setPacketId("PKT-BENCH-" + runTag + "-" + seq).setSubmissionId(UUID.randomUUID().toString())
                    .setReceivedAt(t.receivedAt()).setReceivedAtDefaulted(false).setSource(t.source())
                    .setTicketId(t.ticketId()).setRequestedEscalation(null).setArtifacts(refs)
                    .setWarnings(List.of()).setPublishedAtMillis(0L).build();
            out.add(new BenchPacket(event, screenshots != Screenshots.NONE));
        }
        return out;
    }

    private ArtifactRef ref(final Template t, final String name) throws IOException {
        final URI uri = stored.containsKey(t) ? stored.get(t) : store.put(t.bytes());
        stored.put(t, uri);
        return ArtifactRef.newBuilder().setArtifactId(name).setKindHint(t.kindHint()).setDescription(null)
                .setSha256(uri.getSchemeSpecificPart()).setBytes(t.bytes().length).setStoreUri(uri.toString()).build();
    }
}
