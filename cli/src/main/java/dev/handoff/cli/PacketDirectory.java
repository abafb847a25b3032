package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Notice;
import dev.handoff.core.Codes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A packet directory of CONTRACT.md section 1: every regular file is an artifact except the optional
 * {@code packet.json} manifest. A manifest that cannot be read is not bad input: the packet goes on
 * with defaults and a warning, so nothing is lost.
 */
public final class PacketDirectory {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String MANIFEST = "packet.json";

    /** One artifact file with its manifest hint. */
    public record ArtifactFile(String fileName, Path path, ArtifactKind kindHint, String description) {
    }

    private final Path dir;
    private final String packetId;
    private final String receivedAt;
    private final boolean receivedAtDefaulted;
    private final String source;
    private final String ticketId;
    private final String requestedEscalation;
    private final List<ArtifactFile> artifacts;
    private final List<Notice> warnings;

    private PacketDirectory(final Path dir, final Map<String, Object> m, final List<ArtifactFile> artifacts,
                            final List<Notice> warnings) {
        this.dir = dir;
        this.packetId = (String) m.get("packetId");
        this.receivedAt = (String) m.get("receivedAt");
        this.receivedAtDefaulted = (Boolean) m.get("receivedAtDefaulted");
        this.source = (String) m.get("source");
        this.ticketId = (String) m.get("ticketId");
        this.requestedEscalation = (String) m.get("requestedEscalation");
        this.artifacts = List.copyOf(artifacts);
        this.warnings = List.copyOf(warnings);
    }

    /** The packets under DIR: DIR itself when it is one packet, else each subdirectory. */
    public static List<Path> discover(final Path dir) {
        if (!Files.exists(dir)) {
            throw new BadInputException(dir + ": does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": is not a directory (a packet is a directory of artifacts)");
        }
        final List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (final IOException e) {
            throw new BadInputException(dir + ": cannot be listed (" + e.getClass().getSimpleName() + ")");
        }
        final boolean hasSubdirs = children.stream().anyMatch(Files::isDirectory);
        if (!hasSubdirs || Files.isRegularFile(dir.resolve(MANIFEST))) {
            return List.of(dir);
        }
        for (final Path c : children) {
            if (!Files.isDirectory(c)) {
                throw new BadInputException(c + ": is not a packet directory (a folder of packets holds only directories)");
            }
        }
        return children;
    }

    public static PacketDirectory read(final Path dir, final Instant now) {
        final List<Notice> warnings = new ArrayList<>();
        final Map<String, Object> m = new HashMap<>();
        m.put("packetId", dir.getFileName().toString());
        final Map<String, JsonNode> hints = new HashMap<>();
        final Path manifest = dir.resolve(MANIFEST);
        JsonNode root = null;
        if (Files.isRegularFile(manifest)) {
            try {
                root = MAPPER.readTree(Files.readAllBytes(manifest));
                if (root == null || !root.isObject()) {
                    throw new IOException("not a JSON object");
                }
            } catch (final IOException e) {
                root = null;
                warnings.add(Notice.newBuilder().setCode(Codes.ARTIFACT_UNREADABLE).setArtifactId(MANIFEST)
                        .setMessage(MANIFEST + ": manifest is not valid JSON; packet id, receivedAt and kinds defaulted")
                        .build());
            }
        }
        if (root != null) {
            text(root, "packetId").ifPresent(v -> m.put("packetId", v));
            text(root, "receivedAt").ifPresent(v -> m.put("receivedAt", v));
            text(root, "source").ifPresent(v -> m.put("source", v));
            text(root, "ticketId").ifPresent(v -> m.put("ticketId", v));
            text(root, "requestedEscalation").ifPresent(v -> m.put("requestedEscalation", v));
            for (final JsonNode a : root.path("artifacts")) {
                text(a, "file").ifPresent(f -> hints.put(f, a));
            }
        }
        boolean defaulted = false;
        final Object rawReceived = m.get("receivedAt");
        if (rawReceived != null) {
            try {
                m.put("receivedAt", java.time.OffsetDateTime.parse((String) rawReceived).toInstant().toString());
            } catch (final DateTimeParseException e) {
                try {
                    m.put("receivedAt", Instant.parse((String) rawReceived).toString());
                } catch (final DateTimeParseException e2) {
                    m.remove("receivedAt");
                }
            }
        }
        if (m.get("receivedAt") == null) {
            defaulted = true;
            m.put("receivedAt", now.toString());
            warnings.add(Notice.newBuilder().setCode(Codes.RECEIVED_AT_DEFAULTED)
                    .setMessage("The packet does not say when it was received; the time of ingestion (" + now
                            + ") is used.").build());
        }
        m.put("receivedAtDefaulted", defaulted);
        final List<ArtifactFile> artifacts = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (final Path p : s.sorted().toList()) {
                final String name = p.getFileName().toString();
                if (!Files.isRegularFile(p) || MANIFEST.equals(name) || name.startsWith(".")) {
                    continue;
                }
                final JsonNode h = hints.get(name);
                artifacts.add(new ArtifactFile(name, p, h == null ? null : kind(h.path("kind").asText(null)),
                        h == null ? null : h.path("description").asText(null)));
            }
        } catch (final IOException e) {
            throw new BadInputException(dir + ": cannot be listed (" + e.getClass().getSimpleName() + ")");
        }
        return new PacketDirectory(dir, m, artifacts, warnings);
    }

    private static ArtifactKind kind(final String s) {
        if (s == null) {
            return null;
        }
        try {
            return ArtifactKind.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            return null;
        }
    }

    private static java.util.Optional<String> text(final JsonNode n, final String field) {
        final JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(v.asText());
    }

    public Path dir() { return dir; }
    public String packetId() { return packetId; }
    public String receivedAt() { return receivedAt; }
    public boolean receivedAtDefaulted() { return receivedAtDefaulted; }
    public String source() { return source; }
    public String ticketId() { return ticketId; }
    public String requestedEscalation() { return requestedEscalation; }
    public List<ArtifactFile> artifacts() { return artifacts; }
    public List<Notice> warnings() { return warnings; }
}
