package dev.handoff.cli.integration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Writes one packet of TEN-7001 (contract examples' reference) whose every artifact kind carries freshly
 * generated, fake but realistically shaped secrets, and knows every form in which such a secret could leak.
 *
 * <p>canaries (all generated per run, none is real): a JWT (RS256 header with a random kid, random jti,
 * random 256-byte signature) in a HAR {@code Authorization: Bearer} header; an {@code ESTSAUTH} session cookie;
 * a base64 {@code SAMLResponse} holding an {@code Assertion} with a random SignatureValue; a login form password;
 * an OAuth {@code code} in a callback query string; an opaque bearer token pasted in an .eml body; an AWS-style
 * {@code AKIA...} access key id in the same body; a {@code password:} in a ticket CSV comment; a PEM
 * {@code PRIVATE KEY} block in a Markdown note; a Stripe-style {@code sk_live_...} key in an XLSX cell; a
 * GitHub-style {@code ghp_...} token in a DOCX paragraph; a bearer token drawn into a PNG screenshot.
 */
final class CanaryPacket {

    static final String HAR = "capture.har";
    static final String EML = "leonie-token.eml";
    static final String CSV = "ticket-9101.csv";
    static final String NOTE = "note.md";
    static final String XLSX = "crm-snapshot.xlsx";
    static final String DOCX = "runbook.docx";
    static final String PNG = "console.png";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** No 0/O, 1/l/I: a token OCR could read back exactly. */
    private static final String OCR_SAFE = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final String B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final SecureRandom random = new SecureRandom();
    /** Canary name to raw value; every value is a secret that must never leave the extractor. */
    private final Map<String, String> canaries = new LinkedHashMap<>();
    private final String packetId = "PKT-CANARY-" + UUID.randomUUID().toString().substring(0, 8);

    String packetId() {
        return packetId;
    }

    Map<String, String> canaries() {
        return canaries;
    }

    /** Writes the packet directory under {@code parent} and returns it. */
    Path write(final Path parent) throws IOException {
        final Path dir = Files.createDirectories(parent.resolve(packetId));
        Files.writeString(dir.resolve("packet.json"), "{\"packetId\": \"" + packetId
                + "\", \"receivedAt\": \"2026-10-14T08:00:00Z\", \"source\": \"email\"}", StandardCharsets.UTF_8);
        writeHar(dir.resolve(HAR));
        writeEml(dir.resolve(EML));
        writeCsv(dir.resolve(CSV));
        writeNote(dir.resolve(NOTE));
        writeXlsx(dir.resolve(XLSX));
        writeDocx(dir.resolve(DOCX));
        writePng(dir.resolve(PNG));
        return dir;
    }

    /**
     * Every byte pattern that would reveal a canary: the value, its URL-encoded, JSON-escaped and base64
     * forms, keyed by pattern with a label naming the canary and the form (never the value itself).
     */
    Map<String, String> needles() {
        final Map<String, String> out = new LinkedHashMap<>();
        for (final Map.Entry<String, String> c : canaries.entrySet()) {
            final String v = c.getValue();
            final byte[] b = v.getBytes(StandardCharsets.UTF_8);
            out.putIfAbsent(v, c.getKey());
            out.putIfAbsent(URLEncoder.encode(v, StandardCharsets.UTF_8), c.getKey() + " (url-encoded)");
            out.putIfAbsent(Base64.getEncoder().encodeToString(b), c.getKey() + " (base64)");
            out.putIfAbsent(Base64.getEncoder().withoutPadding().encodeToString(b), c.getKey() + " (base64)");
            out.putIfAbsent(Base64.getUrlEncoder().withoutPadding().encodeToString(b), c.getKey() + " (base64url)");
            try {
                final String json = JSON.writeValueAsString(v);
                out.putIfAbsent(json.substring(1, json.length() - 1), c.getKey() + " (json-escaped)");
            } catch (final IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private String put(final String name, final String value) {
        canaries.put(name, value);
        return value;
    }

    private String randomOf(final String alphabet, final int n) {
        final StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Random characters of the alphabet, with at least one digit (the detectors want typed-looking values). */
    private String token(final String alphabet, final int n) {
        String t;
        do {
            t = randomOf(alphabet, n);
        } while (!t.chars().anyMatch(Character::isDigit) || !t.chars().anyMatch(Character::isLetter));
        return t;
    }

    private static String b64url(final byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private void writeHar(final Path file) throws IOException {
        final byte[] sig = new byte[256];
        random.nextBytes(sig);
        final String header = put("jwt header", b64url(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bl-"
                + randomOf("0123456789abcdef", 12) + "\"}").getBytes(StandardCharsets.UTF_8)));
        final String payload = put("jwt payload", b64url(("{\"iss\":\"https://brightlake.aster-access.example\","
                + "\"sub\":\"leonie.wachter\",\"aud\":\"aster-admin\",\"exp\":1792600000,\"jti\":\""
                + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8)));
        final String signature = put("jwt signature", b64url(sig));
        final String jwt = put("jwt", header + "." + payload + "." + signature);
        final String session = put("session cookie", token(ALNUM, 48));
        final String signatureValue = put("saml signature value", randomOf(B64, 172) + "==");
        final String saml = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_" + UUID.randomUUID() + "\" Version=\"2.0\" "
                + "IssueInstant=\"2026-10-14T07:41:02Z\"><saml:Issuer>https://id.brightlake-ceramics.example</saml:Issuer>"
                + "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>"
                + "<saml:Assertion ID=\"_" + UUID.randomUUID() + "\" Version=\"2.0\" IssueInstant=\"2026-10-14T07:41:02Z\">"
                + "<saml:Issuer>https://id.brightlake-ceramics.example</saml:Issuer>"
                + "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignatureValue>" + signatureValue
                + "</ds:SignatureValue></ds:Signature><saml:Subject><saml:NameID>leonie.wachter@brightlake-ceramics.example"
                + "</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>";
        final String samlResponse = put("SAMLResponse", Base64.getEncoder().encodeToString(saml.getBytes(StandardCharsets.UTF_8)));
        final String password = put("HAR form password", "Kiln" + token(ALNUM, 10) + "!#");
        final String code = put("OAuth code", token(ALNUM + "-_", 43));
        final String state = randomOf("0123456789abcdef", 16);

        final ObjectNode root = JSON.createObjectNode();
        final ObjectNode log = root.putObject("log");
        log.put("version", "1.2");
        log.putObject("creator").put("name", "Firefox").put("version", "132.0");
        final ArrayNode entries = log.putArray("entries");

        final ObjectNode callback = entry(entries, "2026-10-14T07:40:00.000Z", "GET",
                "https://apps.brightlake-ceramics.example/oauth/callback?code=" + code + "&state=" + state, 302);
        header(callback, "Cookie", "ESTSAUTH=" + session + "; _ga=GA1.2.1234567890.1760000000");
        callback.withArray("cookies").addObject().put("name", "ESTSAUTH").put("value", session);
        callback.withArray("queryString").addObject().put("name", "code").put("value", code);
        callback.withArray("queryString").addObject().put("name", "state").put("value", state);

        final ObjectNode api = entry(entries, "2026-10-14T07:40:05.000Z", "GET",
                "https://brightlake.aster-access.example/api/v1/sessions/me", 401);
        header(api, "Authorization", "Bearer " + jwt);

        final String samlForm = "SAMLResponse=" + URLEncoder.encode(samlResponse, StandardCharsets.UTF_8)
                + "&RelayState=%2Fapps";
        final ObjectNode acs = entry(entries, "2026-10-14T07:41:02.000Z", "POST",
                "https://brightlake.aster-access.example/sso/saml2/acs", 500);
        header(acs, "Content-Type", "application/x-www-form-urlencoded");
        final ObjectNode acsPost = acs.putObject("postData");
        acsPost.put("mimeType", "application/x-www-form-urlencoded").put("text", samlForm);
        acsPost.putArray("params").add(JSON.createObjectNode().put("name", "SAMLResponse").put("value", samlResponse))
                .add(JSON.createObjectNode().put("name", "RelayState").put("value", "/apps"));

        final String loginForm = "username=leonie.wachter&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        final ObjectNode login = entry(entries, "2026-10-14T07:42:10.000Z", "POST",
                "https://id.brightlake-ceramics.example/login", 200);
        header(login, "Content-Type", "application/x-www-form-urlencoded");
        final ObjectNode loginPost = login.putObject("postData");
        loginPost.put("mimeType", "application/x-www-form-urlencoded").put("text", loginForm);
        loginPost.putArray("params").add(JSON.createObjectNode().put("name", "username").put("value", "leonie.wachter"))
                .add(JSON.createObjectNode().put("name", "password").put("value", password));

        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
    }

    /** Adds one HAR entry and returns its request object. */
    private static ObjectNode entry(final ArrayNode entries, final String started, final String method, final String url,
                                    final int status) {
        final ObjectNode e = entries.addObject();
        e.put("startedDateTime", started).put("time", 42.0);
        final ObjectNode req = e.putObject("request");
        req.put("method", method).put("url", url).put("httpVersion", "HTTP/2");
        req.putArray("cookies");
        req.putArray("headers").addObject().put("name", "User-Agent")
                .put("value", "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0");
        req.putArray("queryString");
        req.put("headersSize", -1).put("bodySize", -1);
        final ObjectNode resp = e.putObject("response");
        resp.put("status", status).put("statusText", "").put("httpVersion", "HTTP/2");
        resp.putArray("cookies");
        resp.putArray("headers");
        resp.putObject("content").put("size", 0).put("mimeType", "text/html");
        resp.put("redirectURL", "").put("headersSize", -1).put("bodySize", 0);
        e.putObject("cache");
        e.putObject("timings").put("send", 0).put("wait", 40).put("receive", 2);
        return req;
    }

    private static void header(final ObjectNode request, final String name, final String value) {
        request.withArray("headers").addObject().put("name", name).put("value", value);
    }

    private void writeEml(final Path file) throws IOException {
        final String bearer = put("pasted bearer token", token(ALNUM, 40));
        final String awsKey = put("AWS access key id", "AKIA" + token(B32, 16));
        final String eml = "From: Leonie Wachter <leonie.wachter@brightlake-ceramics.example>\r\n"
                + "To: Aster Access Support <help@aster-access.example>\r\n"
                + "Cc: Matthias Ebner <matthias.ebner@brightlake-ceramics.example>\r\n"
                + "Subject: SSO outage Brightlake - API call that fails [#9101]\r\n"
                + "Date: Wed, 14 Oct 2026 09:45:00 +0200\r\n"
                + "Message-ID: <canary." + UUID.randomUUID() + "@mail.example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=\"utf-8\"\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n"
                + "Hello,\r\n\r\nsince 09:05 this morning all 420 Brightlake staff fail at SSO with ASTR-2207.\r\n"
                + "This is the call our admin tool makes, copied from the browser:\r\n\r\n"
                + "Authorization: Bearer " + bearer + "\r\n\r\n"
                + "Our sync job uses aws_access_key_id = " + awsKey + " in case that matters.\r\n\r\n"
                + "Leonie Wachter\r\nIT Lead, Brightlake Ceramics GmbH\r\n";
        Files.writeString(file, eml, StandardCharsets.UTF_8);
    }

    private void writeCsv(final Path file) throws IOException {
        final String password = put("ticket comment password", "Sunr1se-" + token(ALNUM, 9));
        final String csv = "Ticket,Subject,Requester,Organization,Impact,Environment,Created (UTC),Comment\n"
                + "9101,SSO to all apps fails,leonie.wachter@brightlake-ceramics.example,Brightlake Ceramics GmbH,"
                + "1 - Extensive/Widespread,Production,2026-10-14 07:22:10,\"Since 09:05 CEST nobody at Brightlake "
                + "Ceramics can sign in via SSO. Tested with the break-glass admin, password: " + password
                + " - same error.\"\n";
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    private void writeNote(final Path file) throws IOException {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add(put("PEM line " + (i + 1), randomOf(B64, 64)));
        }
        lines.add(put("PEM last line", randomOf(B64, 40) + "=="));
        final String note = "# Escalation note\n\nBrightlake Ceramics, SSO down since 09:05 CEST for the whole company.\n\n"
                + "The customer pasted the signing key of their IdP connector into the ticket:\n\n"
                + "```\n-----BEGIN PRIVATE KEY-----\n" + String.join("\n", lines) + "\n-----END PRIVATE KEY-----\n```\n";
        Files.writeString(file, note, StandardCharsets.UTF_8);
    }

    private void writeXlsx(final Path file) throws IOException {
        final String key = put("Stripe-style API key", "sk_live_" + token(ALNUM, 24));
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            final XSSFSheet sheet = wb.createSheet("Account");
            final String[][] rows = {
                {"Field", "Value"},
                {"Account", "Brightlake Ceramics GmbH"},
                {"CRM account id", "0017Q00000BrC4m"},
                {"Billing integration API key", key},
            };
            for (int r = 0; r < rows.length; r++) {
                sheet.createRow(r).createCell(0).setCellValue(rows[r][0]);
                sheet.getRow(r).createCell(1).setCellValue(rows[r][1]);
            }
            wb.write(out);
        }
    }

    private void writeDocx(final Path file) throws IOException {
        final String ghp = put("GitHub-style token", "ghp_" + token(ALNUM, 36));
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
            doc.createParagraph().createRun().setText("Runbook: Brightlake Ceramics SSO outage");
            doc.createParagraph().createRun().setText("Responders: Leonie Wachter (IT Lead).");
            doc.createParagraph().createRun().setText("The directory sync job authenticates with the token " + ghp
                    + " and was restarted at 09:20.");
            doc.write(out);
        }
    }

    private void writePng(final Path file) throws IOException {
        final String shown = put("screenshot bearer token", token(OCR_SAFE, 32));
        final BufferedImage img = new BufferedImage(1400, 240, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 30));
            g.drawString("Sign-in failed: ASTR-2207 (Brightlake Ceramics)", 30, 70);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 30));
            g.drawString("Authorization: Bearer " + shown, 30, 150);
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
