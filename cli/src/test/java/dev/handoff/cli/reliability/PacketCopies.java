package dev.handoff.cli.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Makes many packets from a few template packet directories: each copy has the template's artifacts
 * and manifest under a new packet id, so its decision must equal the template's (apart from the id).
 */
final class PacketCopies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path templatesDir;
    private final List<Path> templates;

    PacketCopies(final Path templatesDir) throws IOException {
        this.templatesDir = templatesDir;
        try (Stream<Path> s = Files.list(templatesDir)) {
            this.templates = s.filter(Files::isDirectory).sorted().toList();
        }
        if (templates.isEmpty()) {
            throw new IllegalArgumentException(templatesDir + " holds no packet directories");
        }
    }

    /** The repository root: the first directory upward from the working directory holding samples/packets. */
    static Path repositoryRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("samples").resolve("packets")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("no samples/packets above " + Path.of("").toAbsolutePath());
    }

    List<Path> templates() {
        return templates;
    }

    String templateName(final int i) {
        return templates.get(i % templates.size()).getFileName().toString();
    }

    /**
     * Writes {@code count} copies into {@code out} named {@code prefix-00001}...; returns template name by packet id.
     */
    Map<String, String> write(final Path out, final String prefix, final int count) throws IOException {
        final Map<String, String> templateOf = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            final Path template = templates.get(i % templates.size());
            final String id = String.format(java.util.Locale.ROOT, "%s-%05d", prefix, i + 1);
            copy(template, out.resolve(id), id);
            templateOf.put(id, template.getFileName().toString());
        }
        return templateOf;
    }

    /** Copies one packet directory under a new packet id (manifest rewritten, artifacts byte for byte). */
    static void copy(final Path template, final Path target, final String packetId) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> s = Files.list(template)) {
            for (final Path f : s.filter(Files::isRegularFile).toList()) {
                if ("packet.json".equals(f.getFileName().toString())) {
                    final ObjectNode m = (ObjectNode) MAPPER.readTree(f.toFile());
                    m.put("packetId", packetId);
                    MAPPER.writeValue(target.resolve("packet.json").toFile(), m);
                } else {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
        }
        if (!Files.exists(target.resolve("packet.json"))) {
            MAPPER.writeValue(target.resolve("packet.json").toFile(), MAPPER.createObjectNode().put("packetId", packetId));
        }
    }

    static List<Path> dirs(final Path out, final Iterable<String> ids) {
        final List<Path> l = new ArrayList<>();
        ids.forEach(id -> l.add(out.resolve(id)));
        return l;
    }

    Path templatesDir() {
        return templatesDir;
    }
}
