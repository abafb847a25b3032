package dev.handoff.extraction.reader;

import dev.handoff.avro.ArtifactKind;
import dev.handoff.avro.Candidate;
import dev.handoff.avro.Classification;
import dev.handoff.avro.MentionType;
import dev.handoff.core.ArtifactContent;
import dev.handoff.core.FieldNames;
import dev.handoff.core.SegmentContext;
import dev.handoff.core.SegmentLocator;
import dev.handoff.core.TextSegment;
import dev.handoff.extraction.ArtifactInput;
import dev.handoff.extraction.ReadLimits;
import dev.handoff.extraction.classify.ArtifactClassifier;
import dev.handoff.extraction.classify.ColumnRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a ticket export in CSV (any of {@code ,} {@code ;} tab {@code |}, BOM, CRLF, quoted multi-line cells) into
 * one segment per non-empty cell and the candidates its columns state (organization, requester, impact,
 * environment, creation time, an escalation asked for in a priority column).
 *
 * <p>Locator: {@code csv:row=R,col=NAME}. R is the 1-based record number counting the header as row 1, so the
 * first ticket is row 2 (a quoted multi-line cell is one record; blank lines are not counted). NAME is the header
 * cell as written, trimmed ({@code #N} for a column without a header). The locator names the whole cell whatever
 * character range is asked for.
 *
 * <p>Zone: a header may state one ("Created (UTC)"), as may a time-zone column; cells of that row carry it as
 * {@link SegmentContext#ZONE}, and the row's creation time read in it is the {@link SegmentContext#ANCHOR}.
 */
public final class TicketCsvReader implements ArtifactReader {

    static final String EXTRACTOR = "TicketCsvReader/1";

    private static final Pattern SEV1_REQUEST = Pattern.compile(
            "\\b(bridge|sev(erity)?[ -]?1|p1|critical[ -]?bridge)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern BRIDGE_WORD = Pattern.compile("\\bbridge\\b", Pattern.CASE_INSENSITIVE);

    @Override
    public boolean canRead(final Classification classification) {
        return ArtifactClassifier.MEDIA_CSV.equals(classification.getMediaType())
                && classification.getKind() != ArtifactKind.CRM_SNAPSHOT;
    }

    @Override
    public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits) {
        DocumentReaderBudget.checkSize(input, limits, "CSV file");
        final CsvTable table = CsvTable.parse(input.bytes(), 1_000_000);
        final DocumentReaderCandidates make = new DocumentReaderCandidates(input.artifactId(), EXTRACTOR);
        final DocumentReaderBudget budget = new DocumentReaderBudget(limits);
        final int columns = table.header().size();
        final ColumnRole[] roles = new ColumnRole[columns];
        final String[] headerZones = new String[columns];
        int zoneColumn = -1;
        for (int c = 0; c < columns; c++) {
            roles[c] = ColumnRole.of(table.header().get(c));
            headerZones[c] = ColumnRole.zoneOf(table.header().get(c));
            if (roles[c] == ColumnRole.TIME_ZONE && zoneColumn < 0) {
                zoneColumn = c;
            }
        }
        final Map<Integer, CsvDates.Order> orders = new HashMap<>();
        for (int c = 0; c < columns; c++) {
            if (roles[c] == ColumnRole.CREATED) {
                final int column = c;
                orders.put(c, CsvDates.slashOrder(table.rows().stream().map(r -> r.cell(column)).toList()));
            }
        }
        final String exportZone = firstNonNull(headerZones);

        final List<TextSegment> segments = new ArrayList<>();
        final List<Candidate> candidates = new ArrayList<>();
        final Map<String, String> attributes = new LinkedHashMap<>();
        for (final CsvTable.Row row : table.rows()) {
            final String rowZone = zoneColumn >= 0 && !row.cell(zoneColumn).isBlank() ? row.cell(zoneColumn).strip() : exportZone;
            final String anchor = anchorOf(table, row, roles, headerZones, rowZone, orders);
            if (anchor != null) {
                attributes.putIfAbsent(SegmentContext.ANCHOR, anchor);
            }
            if (rowZone != null) {
                attributes.putIfAbsent(SegmentContext.ZONE, rowZone);
            }
            final String requester = requesterOf(row, roles);
            for (int c = 0; c < Math.max(columns, row.cells().size()); c++) {
                final String cell = row.cell(c);
                if (cell.isBlank() || budget.exhausted()) {
                    continue;
                }
                final String locator = table.locator(row, c);
                final String column = table.columnName(c);
                final ColumnRole role = c < columns ? roles[c] : ColumnRole.UNKNOWN;
                final String zone = c < columns && headerZones[c] != null ? headerZones[c] : rowZone;
                final Map<String, String> context = new HashMap<>();
                context.put(SegmentContext.ROLE, "cell");
                context.put(SegmentContext.FIELD, column);
                putIfPresent(context, SegmentContext.ZONE, zone);
                putIfPresent(context, SegmentContext.ANCHOR, anchor);
                if ((role == ColumnRole.BODY || role == ColumnRole.SUBJECT) && requester != null) {
                    context.put(SegmentContext.AUTHOR, requester);
                }
                segments.add(new TextSegment(input.artifactId(), budget.take(cell), SegmentLocator.fixed(locator), context));
                addCandidates(make, candidates, role, cell, column, locator, zone, anchor);
            }
        }
        if (budget.wasCut()) {
            attributes.put(DocumentReaderBudget.TRUNCATED, budget.note());
        }
        attributes.put("rows", Integer.toString(table.rows().size()));
        return new ArtifactContent(input.artifactId(), classification.getKind(), classification.getMediaType(), true,
                segments, candidates, List.of(), List.of(), attributes);
    }

    private static void addCandidates(final DocumentReaderCandidates make, final List<Candidate> out, final ColumnRole role,
            final String cell, final String column, final String locator, final String zone, final String anchor) {
        final String value = cell.strip();
        switch (role) {
            case ORGANIZATION -> out.add(make.of(FieldNames.TENANT, MentionType.ORG_NAME, value, locator, value, Map.of()));
            case ACCOUNT_ID -> out.add(make.of(FieldNames.TENANT, MentionType.CRM_ACCOUNT_ID, value, locator, value, Map.of()));
            case REQUESTER, EMAIL -> make.person(out, cell, "REQUESTER", locator, Map.of());
            case IMPACT -> out.add(make.of(FieldNames.BUSINESS_IMPACT, MentionType.ITIL_IMPACT, value, locator, value,
                    Map.of("field", column)));
            case ENVIRONMENT -> out.add(make.of(FieldNames.ENVIRONMENT, MentionType.ENVIRONMENT_CUE, value, locator, value,
                    Map.of()));
            case CREATED -> {
                final Map<String, String> attrs = new HashMap<>();
                attrs.put(SegmentContext.TIME_ROLE, "REPORT");
                putIfPresent(attrs, SegmentContext.ZONE, zone);
                putIfPresent(attrs, SegmentContext.ANCHOR, anchor);
                attrs.put("field", column);
                out.add(make.of(FieldNames.FIRST_OBSERVED_AT, MentionType.TIME_CLAIM, value, locator, value, attrs));
            }
            case PRIORITY -> {
                if (SEV1_REQUEST.matcher(value).find()) {
                    final String level = BRIDGE_WORD.matcher(value).find() ? "SEV1_BRIDGE" : "SEV1";
                    out.add(make.of(FieldNames.REQUESTED_ESCALATION, MentionType.ESCALATION_REQUEST, level, locator, value,
                            Map.of("field", column)));
                }
            }
            default -> { }
        }
    }

    private static String anchorOf(final CsvTable table, final CsvTable.Row row, final ColumnRole[] roles,
            final String[] headerZones, final String rowZone, final Map<Integer, CsvDates.Order> orders) {
        for (int c = 0; c < roles.length; c++) {
            if (roles[c] != ColumnRole.CREATED) {
                continue;
            }
            final String name = table.header().get(c).toLowerCase(Locale.ROOT);
            if (name.contains("updated") || name.contains("modified")) {
                continue;
            }
            final Instant instant = CsvDates.instant(row.cell(c), headerZones[c] != null ? headerZones[c] : rowZone,
                    orders.getOrDefault(c, CsvDates.Order.UNKNOWN));
            if (instant != null) {
                return instant.toString();
            }
        }
        return null;
    }

    private static String requesterOf(final CsvTable.Row row, final ColumnRole[] roles) {
        for (int c = 0; c < roles.length; c++) {
            if (roles[c] == ColumnRole.REQUESTER && !row.cell(c).isBlank()) {
                return row.cell(c).strip();
            }
        }
        return null;
    }

    private static String firstNonNull(final String[] values) {
        for (final String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static void putIfPresent(final Map<String, String> map, final String key, final String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
