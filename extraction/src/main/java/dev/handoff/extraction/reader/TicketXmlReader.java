package dev.handoff.extraction.reader;

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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a ServiceNow-style ticket export in XML (an {@code unload} of {@code incident} records and
 * {@code sys_journal_field} entries) into one segment per text element and the candidates its elements state.
 * Parsing refuses any DOCTYPE, so entity expansion (billion laughs) and external entities fail fast.
 *
 * <p>Locator: {@code xml:} followed by an XPath of the element with 1-based indices: every child of the root
 * element carries its index ({@code /unload/incident[1]}), deeper elements carry one only when they have
 * same-named siblings ({@code xml:/unload/incident[1]/description}). The locator names the whole element text.
 *
 * <p>Zone: ServiceNow writes date-times of an {@code unload} export in UTC, so segments of such exports carry
 * {@code ZONE=UTC}, and the record's {@code sys_created_on} read in UTC is its {@link SegmentContext#ANCHOR}.
 */
public final class TicketXmlReader implements ArtifactReader {

    static final String EXTRACTOR = "TicketXmlReader/1";

    private static final Set<String> SUBJECT = Set.of("short_description", "subject", "summary", "title");
    private static final Set<String> BODY = Set.of("description", "value", "comments", "work_notes", "close_notes",
            "comment", "body", "text");
    private static final Set<String> CREATED = Set.of("sys_created_on", "opened_at", "created", "created_at");
    private static final Set<String> REQUESTER = Set.of("caller_id", "opened_by", "requested_by", "requester", "reporter",
            "contact");
    private static final Set<String> ORG = Set.of("company", "account", "customer", "organization", "u_company");
    private static final Set<String> IMPACT = Set.of("impact", "urgency", "u_business_impact", "business_impact");
    private static final Set<String> ENV = Set.of("u_environment", "environment", "instance");

    @Override
    public boolean canRead(final Classification classification) {
        return ArtifactClassifier.MEDIA_XML.equals(classification.getMediaType());
    }

    @Override
    public ArtifactContent read(final ArtifactInput input, final Classification classification, final ReadLimits limits)
            throws IOException {
        DocumentReaderBudget.checkSize(input, limits, "XML file");
        final Document document = parseSecurely(input.bytes());
        final Element root = document.getDocumentElement();
        final String zone = "unload".equals(root.getTagName()) ? "UTC" : null;
        final DocumentReaderCandidates make = new DocumentReaderCandidates(input.artifactId(), EXTRACTOR);
        final DocumentReaderBudget budget = new DocumentReaderBudget(limits);
        final List<TextSegment> segments = new ArrayList<>();
        final List<Candidate> candidates = new ArrayList<>();
        final Map<String, String> attributes = new LinkedHashMap<>();
        if (zone != null) {
            attributes.put(SegmentContext.ZONE, zone);
        }
        final Map<String, Integer> seen = new HashMap<>();
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element record) {
                final int index = seen.merge(record.getTagName(), 1, Integer::sum);
                final String path = "/" + root.getTagName() + "/" + record.getTagName() + "[" + index + "]";
                final String anchor = anchorOf(record, zone);
                if (anchor != null) {
                    attributes.putIfAbsent(SegmentContext.ANCHOR, anchor);
                }
                final String author = "sys_journal_field".equals(record.getTagName()) ? childText(record, "sys_created_by") : null;
                final Record context = new Record(record.getTagName(), zone, anchor, author);
                walk(input.artifactId(), record, path, context, 2, limits, budget, make, segments, candidates);
            }
        }
        if (budget.wasCut()) {
            attributes.put(DocumentReaderBudget.TRUNCATED, budget.note());
        }
        return new ArtifactContent(input.artifactId(), classification.getKind(), classification.getMediaType(), true,
                segments, candidates, List.of(), List.of(), attributes);
    }

    private record Record(String type, String zone, String anchor, String author) {
    }

    private static void walk(final String artifactId, final Element element, final String path, final Record record,
            final int depth, final ReadLimits limits, final DocumentReaderBudget budget, final DocumentReaderCandidates make,
            final List<TextSegment> segments, final List<Candidate> candidates) {
        if (depth > limits.maxDepth()) {
            throw new IllegalArgumentException("XML nested deeper than " + limits.maxDepth() + " levels");
        }
        final List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                children.add(e);
            }
        }
        if (children.isEmpty()) {
            leaf(artifactId, element, path, record, budget, make, segments, candidates);
            return;
        }
        final Map<String, Integer> counts = new HashMap<>();
        children.forEach(c -> counts.merge(c.getTagName(), 1, Integer::sum));
        final Map<String, Integer> seen = new HashMap<>();
        for (final Element child : children) {
            final int index = seen.merge(child.getTagName(), 1, Integer::sum);
            final String childPath = path + "/" + child.getTagName() + (counts.get(child.getTagName()) > 1 ? "[" + index + "]" : "");
            walk(artifactId, child, childPath, record, depth + 1, limits, budget, make, segments, candidates);
        }
    }

    private static void leaf(final String artifactId, final Element element, final String path, final Record record,
            final DocumentReaderBudget budget, final DocumentReaderCandidates make, final List<TextSegment> segments,
            final List<Candidate> candidates) {
        final String raw = element.getTextContent();
        final String display = element.getAttribute("display_value");
        final String shown = !display.isBlank() ? display : raw;
        if (shown == null || shown.isBlank() || budget.exhausted()) {
            return;
        }
        final String name = element.getTagName().toLowerCase(Locale.ROOT);
        final String locator = "xml:" + path;
        final Map<String, String> context = new HashMap<>();
        context.put(SegmentContext.ROLE, SUBJECT.contains(name) ? "subject" : BODY.contains(name) ? "body" : "field");
        context.put(SegmentContext.FIELD, element.getTagName());
        putIfPresent(context, SegmentContext.ZONE, record.zone());
        putIfPresent(context, SegmentContext.ANCHOR, record.anchor());
        if (BODY.contains(name)) {
            putIfPresent(context, SegmentContext.AUTHOR, record.author());
        }
        segments.add(new TextSegment(artifactId, budget.take(shown), SegmentLocator.fixed(locator), context));
        final String value = shown.strip();
        final boolean journal = "sys_journal_field".equals(record.type());
        if (CREATED.contains(name)) {
            final Map<String, String> attrs = new HashMap<>();
            attrs.put(SegmentContext.TIME_ROLE, journal ? "OTHER" : "REPORT");
            attrs.put("field", element.getTagName());
            putIfPresent(attrs, SegmentContext.ZONE, record.zone());
            putIfPresent(attrs, SegmentContext.ANCHOR, record.anchor());
            candidates.add(make.of(FieldNames.FIRST_OBSERVED_AT, MentionType.TIME_CLAIM, value, locator, value, attrs));
        } else if ("sys_created_by".equals(name) && journal) {
            make.person(candidates, value, "COMMENT_AUTHOR", locator, Map.of());
        } else if (REQUESTER.contains(name) && !looksLikeSysId(value)) {
            make.person(candidates, value, "REQUESTER", locator, Map.of());
        } else if (ORG.contains(name) && !looksLikeSysId(value)) {
            candidates.add(make.of(FieldNames.TENANT, MentionType.ORG_NAME, value, locator, value, Map.of()));
        } else if (IMPACT.contains(name)) {
            candidates.add(make.of(FieldNames.BUSINESS_IMPACT, MentionType.ITIL_IMPACT, value, locator, value,
                    Map.of("field", element.getTagName())));
        } else if (ENV.contains(name)) {
            candidates.add(make.of(FieldNames.ENVIRONMENT, MentionType.ENVIRONMENT_CUE, value, locator, value, Map.of()));
        }
    }

    private static boolean looksLikeSysId(final String value) {
        return value.matches("[0-9a-f]{32}");
    }

    private static String anchorOf(final Element record, final String zone) {
        for (final String name : List.of("sys_created_on", "opened_at")) {
            final String text = childText(record, name);
            if (text != null) {
                final Instant instant = CsvDates.instant(text, zone, CsvDates.Order.UNKNOWN);
                if (instant != null) {
                    return instant.toString();
                }
            }
        }
        return null;
    }

    private static String childText(final Element parent, final String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && name.equals(e.getTagName())) {
                final String text = e.getTextContent();
                return text == null || text.isBlank() ? null : text.strip();
            }
        }
        return null;
    }

    /** Parses untrusted XML with DOCTYPEs, external entities and XInclude refused. */
    static Document parseSecurely(final byte[] bytes) throws IOException {
        try {
            final DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (final SAXParseException e) {
            final String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("doctype")) {
                throw new IllegalArgumentException("XML with a DOCTYPE is refused (entity expansion and external entities)");
            }
            throw new IllegalArgumentException("XML cannot be parsed (corrupt or truncated near line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ")");
        } catch (final SAXException e) {
            throw new IllegalArgumentException("XML cannot be parsed (" + e.getClass().getSimpleName() + ")");
        } catch (final ParserConfigurationException e) {
            throw new IllegalStateException("secure XML parser unavailable", e);
        }
    }

    static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static void putIfPresent(final Map<String, String> map, final String key, final String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
