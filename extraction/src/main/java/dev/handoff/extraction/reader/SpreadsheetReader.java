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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a CRM snapshot (XLSX, ODS or CSV) into one segment per non-empty cell and the claims its columns or
 * label/value pairs state: plan, entitlement status and dates, account name and id, contacts. Cells of a hidden
 * (or very hidden) sheet carry {@code HIDDEN=true} and their candidates {@code hidden=true}: archived data.
 *
 * <p>Locator: {@code xlsx:Sheet!C7} for XLSX and ODS alike (A1 reference, the sheet name quoted as Excel does
 * when it holds spaces or punctuation: {@code xlsx:'My Sheet'!C7}); {@code csv:row=R,col=NAME} for CSV (see
 * {@link TicketCsvReader}). The locator names the whole cell. A real date cell's value is its ISO date (ISO
 * date-time when it has a time) and its excerpt the shown text.
 */
public final class SpreadsheetReader implements ArtifactReader {

    static final String EXTRACTOR = "SpreadsheetReader/1";

    private static final int MAX_CELLS = 500_000;
    private static final int HEADER_SEARCH_ROWS = 30;
    /** Form placeholders that state nothing ("N/A", "-", "TBD"). */
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile(
            "(?i)|n/?a|-+|tbd|tba|none|null|\\?|x+|\\.+");

    @Override
    public boolean canRead(final Classification classification) {
        final String media = classification.getMediaType();
        return ArtifactClassifier.MEDIA_XLSX.equals(media) || ArtifactClassifier.MEDIA_ODS.equals(media)
                || ArtifactClassifier.MEDIA_CSV.equals(media) && classification.getKind() == ArtifactKind.CRM_SNAPSHOT;
    }

    @Override
    public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits) {
        final String media = classification.getMediaType();
        DocumentReaderBudget.checkSize(input, limits, "spreadsheet");
        final List<XlsxGrid.GridSheet> sheets;
        if (ArtifactClassifier.MEDIA_ODS.equals(media)) {
            sheets = XlsxGrid.ods(input.bytes(), limits, MAX_CELLS);
        } else if (ArtifactClassifier.MEDIA_CSV.equals(media)) {
            sheets = XlsxGrid.csv(CsvTable.parse(input.bytes(), MAX_CELLS));
        } else {
            sheets = XlsxGrid.xlsx(input.bytes(), limits, MAX_CELLS);
        }
        final DocumentReaderCandidates make = new DocumentReaderCandidates(input.artifactId(), EXTRACTOR);
        final DocumentReaderBudget budget = new DocumentReaderBudget(limits);
        final List<TextSegment> segments = new ArrayList<>();
        final List<Candidate> candidates = new ArrayList<>();
        final List<String> hidden = new ArrayList<>();
        for (final XlsxGrid.GridSheet sheet : sheets) {
            if (sheet.hidden()) {
                hidden.add(sheet.name());
            }
            readSheet(input.artifactId(), sheet, make, budget, segments, candidates);
        }
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sheets", Integer.toString(sheets.size()));
        if (!hidden.isEmpty()) {
            attributes.put("hiddenSheets", String.join(", ", hidden));
        }
        if (budget.wasCut()) {
            attributes.put(DocumentReaderBudget.TRUNCATED, budget.note());
        }
        return new ArtifactContent(input.artifactId(), classification.getKind(), media, true, segments, candidates,
                List.of(), List.of(), attributes);
    }

    private static void readSheet(final String artifactId, final XlsxGrid.GridSheet sheet, final DocumentReaderCandidates make,
            final DocumentReaderBudget budget, final List<TextSegment> segments, final List<Candidate> candidates) {
        final TreeMap<Integer, TreeMap<Integer, XlsxGrid.GridCell>> rows = new TreeMap<>();
        for (final XlsxGrid.GridCell cell : sheet.cells()) {
            rows.computeIfAbsent(cell.row(), r -> new TreeMap<>()).put(cell.col(), cell);
        }
        // A CSV's first record is its header whatever its words; a sheet's header row is found by its words.
        final int headerRow = sheet.cells().isEmpty() || !sheet.cells().get(0).locator().startsWith("csv:")
                ? headerRow(rows) : rows.firstKey();
        final Map<Integer, ColumnRole> roles = new HashMap<>();
        final Map<Integer, String> headers = new HashMap<>();
        if (headerRow >= 0) {
            rows.get(headerRow).forEach((col, cell) -> {
                headers.put(col, cell.shown().strip());
                roles.put(col, crmRole(cell.shown()));
            });
        }
        final Map<String, String> hiddenAttr = sheet.hidden() ? Map.of(SegmentContext.HIDDEN, "true") : Map.of();
        final Map<ColumnRole, XlsxGrid.GridCell> labelled = new EnumMap<>(ColumnRole.class);
        // A "status" column of a contact list is the contact's status, not an entitlement's.
        final boolean contactTable = roles.containsValue(ColumnRole.CONTACT_NAME) || roles.containsValue(ColumnRole.FIRST_NAME)
                || roles.containsValue(ColumnRole.LAST_NAME) || roles.containsValue(ColumnRole.EMAIL);
        final boolean entitlementTable = roles.containsValue(ColumnRole.PLAN) || roles.containsValue(ColumnRole.VALID_FROM)
                || roles.containsValue(ColumnRole.VALID_TO) || roles.containsValue(ColumnRole.RENEWAL)
                || roles.containsValue(ColumnRole.STATUS) && !contactTable;
        for (final Map.Entry<Integer, TreeMap<Integer, XlsxGrid.GridCell>> entry : rows.entrySet()) {
            final int r = entry.getKey();
            final boolean inTable = headerRow >= 0 && r > headerRow;
            final Map<ColumnRole, XlsxGrid.GridCell> byRole = new EnumMap<>(ColumnRole.class);
            XlsxGrid.GridCell previousLabel = null;
            ColumnRole previousRole = ColumnRole.UNKNOWN;
            for (final XlsxGrid.GridCell cell : entry.getValue().values()) {
                if (budget.exhausted()) {
                    return;
                }
                final Map<String, String> context = new HashMap<>(hiddenAttr);
                context.put(SegmentContext.ROLE, "cell");
                final String header = inTable ? headers.get(cell.col()) : null;
                if (header != null) {
                    context.put(SegmentContext.FIELD, header);
                } else if (previousLabel != null) {
                    context.put(SegmentContext.FIELD, previousLabel.shown().strip());
                }
                segments.add(new TextSegment(artifactId, budget.take(cell.shown()), SegmentLocator.fixed(cell.locator()), context));
                if (inTable && roles.containsKey(cell.col())) {
                    byRole.putIfAbsent(roles.get(cell.col()), cell);
                } else if (r != headerRow) {
                    // Label/value form: "Support plan" | "Premier".
                    if (previousLabel != null && previousRole != ColumnRole.UNKNOWN) {
                        labelled.putIfAbsent(previousRole, cell);
                        emitLabelled(make, candidates, previousRole, previousLabel, cell, sheet.hidden());
                        previousLabel = null;
                        previousRole = ColumnRole.UNKNOWN;
                        continue;
                    }
                    final String label = cell.shown().strip();
                    final ColumnRole role = label.length() <= 40 ? crmRole(label.replaceAll("[:?]+$", "")) : ColumnRole.UNKNOWN;
                    previousLabel = cell;
                    previousRole = role;
                }
            }
            if (inTable) {
                emitRow(make, candidates, byRole, sheet.hidden(), entitlementTable);
            }
        }
        emitEntitlement(make, candidates, labelled, sheet.hidden());
    }

    private static int headerRow(final TreeMap<Integer, TreeMap<Integer, XlsxGrid.GridCell>> rows) {
        int best = -1;
        int bestCount = 1;
        int seen = 0;
        for (final Map.Entry<Integer, TreeMap<Integer, XlsxGrid.GridCell>> entry : rows.entrySet()) {
            if (seen++ >= HEADER_SEARCH_ROWS) {
                break;
            }
            int count = 0;
            for (final XlsxGrid.GridCell cell : entry.getValue().values()) {
                if (cell.shown().length() <= 40 && crmRole(cell.shown()) != ColumnRole.UNKNOWN) {
                    count++;
                }
            }
            // A header row names several known columns (three, or half of its cells when it is short).
            if (count > bestCount && (count >= 3 || count * 2 >= entry.getValue().size())) {
                best = entry.getKey();
                bestCount = count;
            }
        }
        return best;
    }

    /** Column role in a CRM table: "Title" is a job title there, not a ticket subject. */
    private static ColumnRole crmRole(final String header) {
        final ColumnRole role = ColumnRole.of(header);
        if (role == ColumnRole.SUBJECT && "title".equals(ColumnRole.normalize(header))) {
            return ColumnRole.PERSON_ROLE;
        }
        if (role == ColumnRole.REQUESTER) {
            return ColumnRole.CONTACT_NAME;
        }
        return role;
    }

    private static void emitLabelled(final DocumentReaderCandidates make, final List<Candidate> out, final ColumnRole role,
            final XlsxGrid.GridCell label, final XlsxGrid.GridCell value, final boolean hidden) {
        final Map<String, String> attrs = new HashMap<>();
        attrs.put("label", label.shown().strip());
        if (hidden) {
            attrs.put(SegmentContext.HIDDEN, "true");
        }
        simple(make, out, role, value, attrs);
    }

    private static void simple(final DocumentReaderCandidates make, final List<Candidate> out, final ColumnRole role,
            final XlsxGrid.GridCell cell, final Map<String, String> attrs) {
        if (PLACEHOLDER.matcher(cell.shown().strip()).matches()) {
            return;
        }
        switch (role) {
            case PLAN -> out.add(make.of(FieldNames.RESPONSE_TIER, MentionType.PLAN_CLAIM, cell.value(), cell.locator(),
                    cell.shown().strip(), attrs));
            case ORGANIZATION -> out.add(make.of(FieldNames.TENANT, MentionType.ORG_NAME, cell.value(), cell.locator(),
                    cell.shown().strip(), attrs));
            case ACCOUNT_ID -> out.add(make.of(FieldNames.TENANT, MentionType.CRM_ACCOUNT_ID, cell.value(), cell.locator(),
                    cell.shown().strip(), attrs));
            case ENVIRONMENT -> out.add(make.of(FieldNames.ENVIRONMENT, MentionType.ENVIRONMENT_CUE, cell.value(),
                    cell.locator(), cell.shown().strip(), attrs));
            default -> { }
        }
    }

    private static void emitRow(final DocumentReaderCandidates make, final List<Candidate> out,
            final Map<ColumnRole, XlsxGrid.GridCell> row, final boolean hidden, final boolean entitlementTable) {
        final Map<String, String> attrs = hidden ? Map.of(SegmentContext.HIDDEN, "true") : Map.of();
        for (final ColumnRole role : List.of(ColumnRole.PLAN, ColumnRole.ORGANIZATION, ColumnRole.ACCOUNT_ID,
                ColumnRole.ENVIRONMENT)) {
            if (row.containsKey(role)) {
                simple(make, out, role, row.get(role), attrs);
            }
        }
        if (entitlementTable) {
            emitEntitlement(make, out, row, hidden);
        }
        final XlsxGrid.GridCell name = row.get(ColumnRole.CONTACT_NAME);
        final XlsxGrid.GridCell first = row.get(ColumnRole.FIRST_NAME);
        final XlsxGrid.GridCell last = row.get(ColumnRole.LAST_NAME);
        final XlsxGrid.GridCell email = row.get(ColumnRole.EMAIL);
        final XlsxGrid.GridCell phone = row.get(ColumnRole.PHONE);
        final XlsxGrid.GridCell personRole = row.get(ColumnRole.PERSON_ROLE);
        final String fullName = name != null ? name.shown().strip()
                : (first != null || last != null)
                        ? ((first == null ? "" : first.shown().strip()) + " " + (last == null ? "" : last.shown().strip())).strip()
                        : null;
        final XlsxGrid.GridCell where = name != null ? name : first != null ? first : last != null ? last : email;
        if (where == null || (fullName == null && email == null)) {
            return;
        }
        final Map<String, String> person = new HashMap<>(attrs);
        person.put(SegmentContext.PARTICIPATION, "MENTION");
        if (fullName != null && !fullName.isEmpty()) {
            person.put(SegmentContext.NAME, fullName);
        }
        if (email != null && DocumentReaderCandidates.isEmail(email.shown())) {
            person.put(SegmentContext.EMAIL, email.shown().strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (phone != null) {
            person.put(SegmentContext.PHONE, phone.shown().strip());
        }
        if (personRole != null) {
            person.put(SegmentContext.PERSON_ROLE, personRole.shown().strip());
        }
        final String value = person.getOrDefault(SegmentContext.NAME, email == null ? "" : email.shown().strip());
        if (!value.isEmpty()) {
            out.add(make.of(FieldNames.APPROVED_CONTACTS, MentionType.PERSON, value, where.locator(), where.shown().strip(),
                    person));
        }
    }

    private static void emitEntitlement(final DocumentReaderCandidates make, final List<Candidate> out,
            final Map<ColumnRole, XlsxGrid.GridCell> cells, final boolean hidden) {
        final XlsxGrid.GridCell status = cells.get(ColumnRole.STATUS);
        final XlsxGrid.GridCell from = cells.get(ColumnRole.VALID_FROM);
        final XlsxGrid.GridCell to = cells.get(ColumnRole.VALID_TO) != null ? cells.get(ColumnRole.VALID_TO)
                : cells.get(ColumnRole.RENEWAL);
        if (status == null && from == null && to == null) {
            return;
        }
        final StringBuilder value = new StringBuilder();
        value.append("status=").append(status == null ? "" : status.value());
        value.append(";validFrom=").append(from == null ? "" : from.value());
        value.append(";validTo=").append(to == null ? "" : to.value());
        final XlsxGrid.GridCell where = status != null ? status : from != null ? from : to;
        final Map<String, String> attrs = new HashMap<>();
        if (hidden) {
            attrs.put(SegmentContext.HIDDEN, "true");
        }
        final XlsxGrid.GridCell plan = cells.get(ColumnRole.PLAN);
        if (plan != null) {
            attrs.put("plan", plan.value());
        }
        out.add(make.of(FieldNames.RESPONSE_TIER, MentionType.ENTITLEMENT_CLAIM, value.toString(), where.locator(),
                where.shown().strip(), attrs));
    }
}
