package dev.handoff.extraction.reader;

import dev.handoff.avro.Classification;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import dev.handoff.extraction.classify.TextDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Best-effort reader for anything no other reader takes: text files (UTF-8 or Latin-1, iCalendar, HTML source,
 * XML without ticket elements) become one segment per non-blank line with {@code text:line=L,chars=S-E} locators
 * (as {@link PlainTextReader}); binary content becomes readable=false with no segments and no warning, so the
 * caller decides what to report.
 */
public final class OtherReader implements ArtifactReader {

    @Override
    public boolean canRead(final Classification classification) {
        return true;
    }

    @Override
    public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits) {
        final byte[] bytes = input.bytes() == null ? new byte[0] : input.bytes();
        final Map<String, String> attributes = new LinkedHashMap<>();
        final TextDecoder.Decoded decoded = TextDecoder.decode(bytes, (int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes()));
        if (bytes.length == 0 || !decoded.looksLikeText() || decoded.text().isBlank()) {
            return new ArtifactContent(input.artifactId(), classification.getKind(), classification.getMediaType(), false,
                    List.of(), List.of(), List.of(), List.of(), attributes);
        }
        final String text = decoded.text().startsWith("\uFEFF") ? decoded.text().substring(1) : decoded.text();
        final DocumentReaderBudget budget = new DocumentReaderBudget(limits);
        final List<TextSegment> segments = new ArrayList<>();
        final String[] lines = text.split("\\r\\n|\\n|\\r", -1);
        for (int i = 0; i < lines.length && !budget.exhausted(); i++) {
            if (!lines[i].isBlank()) {
                segments.add(PlainTextReader.lineSegment(input.artifactId(), budget.take(lines[i]), i + 1,
                        Map.of(SegmentContext.ROLE, "paragraph")));
            }
        }
        if (budget.wasCut() || bytes.length > limits.maxBytes()) {
            attributes.put(DocumentReaderBudget.TRUNCATED, budget.wasCut() ? budget.note() : "read the first "
                    + limits.maxBytes() + " bytes");
        }
        attributes.put("charset", decoded.charset());
        return new ArtifactContent(input.artifactId(), classification.getKind(), classification.getMediaType(), true,
                segments, List.of(), List.of(), List.of(), attributes);
    }
}
