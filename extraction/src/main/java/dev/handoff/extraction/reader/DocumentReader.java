package dev.handoff.extraction.reader;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.MentionType;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import dev.handoff.extraction.classify.ArtifactClassifier;
import dev.handoff.extraction.classify.ColumnRole;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Reads DOCX (POI) and PDF (PDFBox) notes and bridge templates into located text; a DOCX table of responders
 * gives PERSON candidates, and a document classified as a bridge template is an ESCALATION_REQUEST for
 * SEV1_BRIDGE evidenced by its title.
 *
 * <p>DOCX locator: {@code docx:paragraph=N,chars=S-E}. N is the 1-based index of the paragraph in document order,
 * counting the paragraphs inside table cells (row by row, cell by cell) where the table stands; empty paragraphs
 * count too. S and E are 0-based offsets within that paragraph's text (UTF-16 code units), E exclusive.
 *
 * <p>PDF locator: {@code pdf:page=P,chars=S-E}. P is the 1-based page; S and E are 0-based offsets (E exclusive)
 * within that page's text as PDFBox's {@link PDFTextStripper} extracts it (line ends as {@code \n}). One segment per
 * page. An encrypted PDF is refused ("encrypted PDF").
 */
public final class DocumentReader implements ArtifactReader {

    static final String EXTRACTOR = "DocumentReader/1";

    private static final Pattern RESPONDER_WORDS = Pattern.compile(
            "responders?|attendees?|participants?|on the bridge|invitees?|bridge roster", Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final int MAX_PAGES = 2_000;

    @Override
    public boolean canRead(final Classification classification) {
        final String media = classification.getMediaType();
        return ArtifactClassifier.MEDIA_DOCX.equals(media) || ArtifactClassifier.MEDIA_PDF.equals(media);
    }

    @Override
    public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits)
            throws IOException {
        if (ArtifactClassifier.MEDIA_PDF.equals(classification.getMediaType())) {
            return pdf(input, classification, limits);
        }
        return docx(input, classification, limits);
    }

    // ---- DOCX ----------------------------------------------------------------------------------------

    private ArtifactContent docx(final ArtifactInput input, final Classification classification, final ReadLimits limits) {
        DocumentReaderBudget.checkSize(input, limits, "DOCX file");
        // Tika's OOXMLParser switches POI's zip-bomb check off for the whole JVM; switch it back on for this read.
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(Math.max(16L * 1024 * 1024, Math.min(limits.maxBytes() * 20, 1024L * 1024 * 1024)));
        final Docx state = new Docx(input.artifactId(), classification.getKind() == ArtifactKind.BRIDGE_TEMPLATE, limits);
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(input.bytes()))) {
            for (final IBodyElement element : document.getBodyElements()) {
                state.element(element, 0);
                if (state.budget.exhausted()) {
                    break;
                }
            }
        } catch (final IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith("DOCX")) {
                throw iae;
            }
            final String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("zip bomb")) {
                throw new IllegalArgumentException("DOCX refused: its compression ratio or entry size suggests a zip bomb");
            }
            throw new IllegalArgumentException("DOCX cannot be opened (corrupt or truncated: " + e.getClass().getSimpleName() + ")");
        }
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("paragraphs", Integer.toString(state.paragraph));
        if (state.budget.wasCut()) {
            attributes.put(DocumentReaderBudget.TRUNCATED, state.budget.note());
        }
        return new ArtifactContent(input.artifactId(), classification.getKind(), classification.getMediaType(), true,
                state.segments, state.candidates, List.of(), List.of(), attributes);
    }

    /** Walk state of one DOCX: the running paragraph number and the last heading seen. */
    private static final class Docx {
        private final String artifactId;
        private final boolean bridge;
        private final ReadLimits limits;
        private final DocumentReaderBudget budget;
        private final DocumentReaderCandidates make;
        private final List<TextSegment> segments = new ArrayList<>();
        private final List<Candidate> candidates = new ArrayList<>();
        private int paragraph;
        private String lastHeading;
        private boolean titleDone;

        Docx(final String artifactId, final boolean bridge, final ReadLimits limits) {
            this.artifactId = artifactId;
            this.bridge = bridge;
            this.limits = limits;
            this.budget = new DocumentReaderBudget(limits);
            this.make = new DocumentReaderCandidates(artifactId, EXTRACTOR);
        }

        void element(final IBodyElement element, final int depth) {
            if (depth > limits.maxDepth()) {
                throw new IllegalArgumentException("DOCX tables nested deeper than " + limits.maxDepth() + " levels");
            }
            if (element instanceof XWPFParagraph p) {
                paragraph(p, "paragraph", null);
            } else if (element instanceof XWPFTable t) {
                table(t, depth);
            }
        }

        /** Adds the paragraph as a segment and returns its number and text. */
        private int paragraph(final XWPFParagraph p, final String role, final String field) {
            paragraph++;
            final int number = paragraph;
            final String text = p.getText();
            if (text == null || text.isBlank() || budget.exhausted()) {
                return number;
            }
            final Map<String, String> context = new HashMap<>();
            final String style = p.getStyle() == null ? "" : p.getStyle().toLowerCase(Locale.ROOT);
            final boolean heading = style.startsWith("heading") || style.startsWith("title") || style.startsWith("berschrift");
            context.put(SegmentContext.ROLE, heading ? "heading" : role);
            if (field != null) {
                context.put(SegmentContext.FIELD, field);
            }
            segments.add(new TextSegment(artifactId, budget.take(text), (s, e) -> docxLocator(number, s, e), context));
            if (heading) {
                lastHeading = text.strip();
            }
            if (!titleDone && "paragraph".equals(role)) {
                titleDone = true;
                if (bridge) {
                    candidates.add(make.of(FieldNames.REQUESTED_ESCALATION, MentionType.ESCALATION_REQUEST, "SEV1_BRIDGE",
                            docxLocator(number, 0, text.length()), text, Map.of("reason", "bridge-request document")));
                }
            }
            return number;
        }

        private void table(final XWPFTable table, final int depth) {
            final List<XWPFTableRow> rows = table.getRows();
            List<ColumnRole> roles = List.of();
            List<String> headers = List.of();
            final boolean responderContext = bridge || lastHeading != null && RESPONDER_WORDS.matcher(lastHeading).find();
            for (int r = 0; r < rows.size(); r++) {
                final List<XWPFTableCell> cells = rows.get(r).getTableCells();
                final List<CellText> texts = new ArrayList<>();
                for (int c = 0; c < cells.size(); c++) {
                    final String field = r > 0 && c < headers.size() ? headers.get(c) : null;
                    int first = -1;
                    for (final IBodyElement inner : cells.get(c).getBodyElements()) {
                        if (inner instanceof XWPFParagraph p) {
                            final int n = paragraph(p, "cell", field);
                            if (first < 0 && !p.getText().isBlank()) {
                                first = n;
                            }
                        } else if (inner instanceof XWPFTable nested) {
                            element(nested, depth + 1);
                        }
                    }
                    texts.add(new CellText(cells.get(c).getText().strip(), first));
                }
                if (r == 0) {
                    headers = texts.stream().map(CellText::text).toList();
                    roles = headers.stream().map(ColumnRole::of).toList();
                    continue;
                }
                responder(roles, texts, responderContext || roles.stream().anyMatch(ro -> ro == ColumnRole.CONTACT_NAME)
                        && headers.stream().anyMatch(h -> RESPONDER_WORDS.matcher(h).find()));
            }
        }

        private void responder(final List<ColumnRole> roles, final List<CellText> cells, final boolean responders) {
            CellText name = null;
            final Map<String, String> attrs = new HashMap<>();
            for (int c = 0; c < Math.min(roles.size(), cells.size()); c++) {
                final CellText cell = cells.get(c);
                if (cell.text().isEmpty()) {
                    continue;
                }
                switch (roles.get(c)) {
                    case CONTACT_NAME, REQUESTER -> name = name == null ? cell : name;
                    case EMAIL -> {
                        final Matcher m = EMAIL.matcher(cell.text());
                        if (m.find()) {
                            attrs.put(SegmentContext.EMAIL, m.group().toLowerCase(Locale.ROOT));
                        }
                    }
                    case PHONE -> attrs.put(SegmentContext.PHONE, cell.text());
                    case PERSON_ROLE, SUBJECT -> attrs.put(SegmentContext.PERSON_ROLE, cell.text());
                    default -> { }
                }
            }
            if (name == null || name.paragraph() < 0 || attrs.isEmpty()) {
                return;
            }
            attrs.put(SegmentContext.NAME, name.text());
            attrs.put(SegmentContext.PARTICIPATION, responders ? "RESPONDER" : "MENTION");
            candidates.add(make.of(FieldNames.APPROVED_CONTACTS, MentionType.PERSON, name.text(),
                    docxLocator(name.paragraph(), 0, name.text().length()), name.text(), attrs));
        }
    }

    private record CellText(String text, int paragraph) {
    }

    static String docxLocator(final int paragraph, final int start, final int end) {
        return "docx:paragraph=" + paragraph + ",chars=" + start + "-" + end;
    }

    // ---- PDF -----------------------------------------------------------------------------------------

    private ArtifactContent pdf(final ArtifactInput input, final Classification classification, final ReadLimits limits)
            throws IOException {
        DocumentReaderBudget.checkSize(input, limits, "PDF file");
        final DocumentReaderBudget budget = new DocumentReaderBudget(limits);
        final DocumentReaderCandidates make = new DocumentReaderCandidates(input.artifactId(), EXTRACTOR);
        final List<TextSegment> segments = new ArrayList<>();
        final List<Candidate> candidates = new ArrayList<>();
        final Map<String, String> attributes = new LinkedHashMap<>();
        final PDDocument document;
        try {
            document = Loader.loadPDF(input.bytes());
        } catch (final InvalidPasswordException e) {
            throw new IllegalArgumentException("encrypted PDF (a password is required)");
        } catch (final IOException e) {
            throw new IllegalArgumentException("PDF cannot be opened (corrupt or truncated)");
        }
        try (document) {
            if (document.isEncrypted()) {
                throw new IllegalArgumentException("encrypted PDF");
            }
            final int pages = Math.min(document.getNumberOfPages(), MAX_PAGES);
            final PDFTextStripper stripper = new PDFTextStripper();
            stripper.setLineSeparator("\n");
            boolean titleDone = false;
            for (int p = 1; p <= pages && !budget.exhausted(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                final String text;
                try {
                    text = stripper.getText(document);
                } catch (final IOException | RuntimeException e) {
                    throw new IllegalArgumentException("PDF page " + p + " cannot be read (" + e.getClass().getSimpleName() + ")");
                }
                if (text.isBlank()) {
                    continue;
                }
                final int page = p;
                segments.add(new TextSegment(input.artifactId(), budget.take(text), (s, e) -> pdfLocator(page, s, e),
                        Map.of(SegmentContext.ROLE, "paragraph")));
                pdfTablePeople(make, candidates, text, page,
                        classification.getKind() == ArtifactKind.BRIDGE_TEMPLATE ? "RESPONDER" : "MENTION");
                if (!titleDone) {
                    titleDone = true;
                    if (classification.getKind() == ArtifactKind.BRIDGE_TEMPLATE) {
                        final int start = text.length() - text.stripLeading().length();
                        int end = text.indexOf('\n', start);
                        end = end < 0 ? text.length() : end;
                        final String title = text.substring(start, end).stripTrailing();
                        candidates.add(make.of(FieldNames.REQUESTED_ESCALATION, MentionType.ESCALATION_REQUEST,
                                "SEV1_BRIDGE", pdfLocator(page, start, start + title.length()), title,
                                Map.of("reason", "bridge-request document")));
                    }
                }
            }
            attributes.put("pages", Integer.toString(document.getNumberOfPages()));
        }
        if (budget.wasCut()) {
            attributes.put(DocumentReaderBudget.TRUNCATED, budget.note());
        }
        return new ArtifactContent(input.artifactId(), classification.getKind(), classification.getMediaType(), true,
                segments, candidates, List.of(), List.of(), attributes);
    }

    /**
     * People in a table drawn as text on a PDF page ("Responder | Role | Email | Phone" rows, as exported from
     * Markdown or Word): a header row whose cells name person columns, then one row per person.
     */
    private static void pdfTablePeople(final DocumentReaderCandidates make, final List<Candidate> out, final String text,
            final int page, final String participation) {
        List<ColumnRole> roles = null;
        int lineStart = 0;
        for (final String line : text.split("\n", -1)) {
            final int offset = lineStart;
            lineStart += line.length() + 1;
            if (!line.contains("|")) {
                roles = null;
                continue;
            }
            final List<PlainTextReader.TableCell> cells = PlainTextReader.cells(line);
            final List<ColumnRole> lineRoles = cells.stream().map(c -> ColumnRole.of(c.text())).toList();
            final boolean header = lineRoles.contains(ColumnRole.EMAIL) || lineRoles.contains(ColumnRole.PHONE)
                    ? lineRoles.stream().filter(r -> r != ColumnRole.UNKNOWN).count() >= 2 && cells.stream()
                    .noneMatch(c -> DocumentReaderCandidates.isEmail(c.text().strip())) : false;
            if (header) {
                roles = lineRoles;
                continue;
            }
            if (roles == null) {
                continue;
            }
            String name = null;
            PlainTextReader.TableCell where = null;
            final Map<String, String> attrs = new java.util.HashMap<>();
            for (int c = 0; c < Math.min(cells.size(), roles.size()); c++) {
                final PlainTextReader.TableCell cell = cells.get(c);
                final String v = cell.text().strip();
                if (v.isEmpty()) {
                    continue;
                }
                switch (roles.get(c)) {
                    case EMAIL -> {
                        if (DocumentReaderCandidates.isEmail(v)) {
                            attrs.put(SegmentContext.EMAIL, v.toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                    case PHONE -> attrs.put(SegmentContext.PHONE, v);
                    case PERSON_ROLE -> attrs.put(SegmentContext.PERSON_ROLE, v);
                    case CONTACT_NAME, REQUESTER, UNKNOWN -> {
                        if (name == null && !DocumentReaderCandidates.isEmail(v) && v.matches("\\p{L}[\\p{L}'.-]*(?: \\p{L}[\\p{L}'.-]*){1,3}")) {
                            name = v;
                            where = cell;
                        }
                    }
                    default -> { }
                }
            }
            if (name == null || (!attrs.containsKey(SegmentContext.EMAIL) && !attrs.containsKey(SegmentContext.PHONE))) {
                continue;
            }
            attrs.put(SegmentContext.NAME, name);
            attrs.put(SegmentContext.PARTICIPATION, participation);
            out.add(make.of(FieldNames.APPROVED_CONTACTS, MentionType.PERSON, name,
                    pdfLocator(page, offset + where.start(), offset + where.end()), where.text(), attrs));
        }
    }

    static String pdfLocator(final int page, final int start, final int end) {
        return "pdf:page=" + page + ",chars=" + start + "-" + end;
    }
}
