package dev.handoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one line on standard error naming the path and the problem, a non-zero exit, and nothing started. */
class BadInputTest {

    @TempDir
    Path tmp;

    private record Outcome(int code, String err) {
    }

    private static Outcome run(final String... args) {
        final PrintStream old = System.err;
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            final int code = Handoff.execute(args);
            return new Outcome(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void shouldNameMissingPacketDirectoryInOneLine() {
        // When
        final Outcome o = run("run", "--packets", tmp.resolve("DOES_NOT_EXIST").toString());
        // Then
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).contains("DOES_NOT_EXIST").contains("does not exist");
    }

    @Test
    void shouldNameReferenceFileAndLineWhenLineIsNotJson() throws IOException {
        // Given a reference line that is not JSON
        final Path ref = Files.createDirectories(tmp.resolve("reference"));
        Files.writeString(ref.resolve("tenants.jsonl"), "{\"tenantId\":\"T1\",\"displayName\":\"A\"}\nnot json at all\n");
        final Path packets = Files.createDirectories(tmp.resolve("packets/P1"));
        Files.writeString(packets.resolve("note.md"), "hello");
        // When
        final Outcome o = run("run", "--packets", tmp.resolve("packets").toString(), "--reference", ref.toString());
        // Then
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).contains("tenants.jsonl:2").contains("not a JSON object");
    }

    @Test
    void shouldRejectFileWhereAPacketDirectoryIsExpected() throws IOException {
        // Given a folder of packets holding a stray file
        final Path packets = Files.createDirectories(tmp.resolve("packets"));
        Files.createDirectories(packets.resolve("P1"));
        Files.writeString(packets.resolve("P1/ticket.csv"), "a,b\n1,2\n");
        Files.writeString(packets.resolve("stray.eml"), "From: x");
        // When
        final Outcome o = run("run", "--packets", packets.toString());
        // Then
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("stray.eml").contains("not a packet directory");
    }

    @Test
    void shouldRejectPacketsPathThatIsAFile() throws IOException {
        // Given
        final Path file = Files.writeString(tmp.resolve("packet.eml"), "From: x");
        // When
        final Outcome o = run("run", "--packets", file.toString());
        // Then
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("packet.eml").contains("is not a directory");
    }

    @Test
    void shouldRequireBothConnectionOptionsTogether() throws IOException {
        // Given
        final Path packets = Files.createDirectories(tmp.resolve("p"));
        Files.writeString(packets.resolve("a.txt"), "x");
        // When
        final Outcome o = run("run", "--packets", packets.toString(), "--bootstrap-servers", "localhost:1");
        // Then
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--registry-url");
    }
}
