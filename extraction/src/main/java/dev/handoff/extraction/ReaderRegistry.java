package dev.handoff.extraction;

import dev.handoff.avro.Classification;
import dev.handoff.extraction.reader.ArtifactReader;
import dev.handoff.extraction.reader.DocumentReader;
import dev.handoff.extraction.reader.EmlReader;
import dev.handoff.extraction.reader.HarReader;
import dev.handoff.extraction.reader.OtherReader;
import dev.handoff.extraction.reader.PlainTextReader;
import dev.handoff.extraction.reader.ScreenshotReader;
import dev.handoff.extraction.reader.SpreadsheetReader;
import dev.handoff.extraction.reader.TicketCsvReader;
import dev.handoff.extraction.reader.TicketJsonReader;
import dev.handoff.extraction.reader.TicketXmlReader;
import java.util.List;
import java.util.Optional;

/**
 * The readers the extractor knows, asked in order; the first whose {@code canRead} accepts a
 * classification reads the artifact. Specific formats come first, the catch-all reader last.
 */
public final class ReaderRegistry {

    private final List<ArtifactReader> readers;

    public ReaderRegistry(final List<ArtifactReader> readers) {
        this.readers = List.copyOf(readers);
    }

    /** Every reader of this module, most specific first, {@link OtherReader} as the fallback. */
    public static ReaderRegistry defaults() {
        return new ReaderRegistry(List.of(
                new EmlReader(),
                new HarReader(),
                new ScreenshotReader(),
                new TicketCsvReader(),
                new TicketJsonReader(),
                new TicketXmlReader(),
                new SpreadsheetReader(),
                new DocumentReader(),
                new PlainTextReader(),
                new OtherReader()));
    }

    /** The first reader that accepts the classification; a reader whose check throws is passed over. */
    public Optional<ArtifactReader> readerFor(final Classification classification) {
        for (final ArtifactReader reader : readers) {
            try {
                if (reader.canRead(classification)) {
                    return Optional.of(reader);
                }
            } catch (final RuntimeException e) {
                // A reader that cannot even judge a classification simply does not read it.
            }
        }
        return Optional.empty();
    }

    public List<ArtifactReader> readers() {
        return readers;
    }
}
