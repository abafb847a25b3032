package dev.handoff.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.avro.ArtifactRef;
import dev.handoff.common.DirectoryAttachmentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCorpusTest {

    @TempDir
    Path store;

    @Test
    void shouldGiveEveryArtifactItsOwnNameWhenPacketsAreGenerated() throws Exception {
        // Given
        final BenchCorpus corpus = BenchCorpus.load(templates(), new DirectoryAttachmentStore(store));

        // When
        final List<BenchPacket> packets = corpus.generate(30, 7, BenchCorpus.Screenshots.UNIQUE);

        // Then
        final List<String> names = packets.stream().flatMap(p -> p.event().getArtifacts().stream())
                .map(ArtifactRef::getArtifactId).toList();
        assertThat(names).hasSize(30 * 7).doesNotHaveDuplicates();
        assertThat(packets).allSatisfy(p -> assertThat(p.artifactCount()).isEqualTo(7));
        assertThat(packets.stream().map(p -> p.event().getPacketId()).distinct()).hasSize(30);
    }

    @Test
    void shouldReuseScreenshotNameAndBytesWhenScreenshotIsRepeated() throws Exception {
        // Given
        final BenchCorpus corpus = BenchCorpus.load(templates(), new DirectoryAttachmentStore(store));

        // When
        final List<BenchPacket> packets = corpus.generate(5, 4, BenchCorpus.Screenshots.REPEATED);

        // Then
        final List<ArtifactRef> shots = packets.stream().flatMap(p -> p.event().getArtifacts().stream())
                .filter(a -> a.getArtifactId().toLowerCase(Locale.ROOT).endsWith(".png")).toList();
        assertThat(shots).hasSize(5);
        assertThat(shots.stream().map(ArtifactRef::getArtifactId).distinct()).hasSize(1);
        assertThat(shots.stream().map(ArtifactRef::getSha256).distinct()).hasSize(1);
    }

    /** The samples of the repository and the contract examples (which hold the screenshot) beside it. */
    private static List<Path> templates() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("shared/contract/examples/packets"))) {
            dir = dir.getParent();
        }
        Assumptions.assumeTrue(dir != null, "shared/contract/examples not found");
        final Path samples = Path.of("").toAbsolutePath().getParent().resolve("samples/packets");
        Assumptions.assumeTrue(Files.isDirectory(samples), "samples/packets not found");
        return List.of(samples, dir.resolve("shared/contract/examples/packets"));
    }
}
