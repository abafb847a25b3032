package dev.handoff.privacy;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a field, parameter or JSON key name says about its value: a password, an API key or client
 * secret, a token, an OAuth authorization code, a SAML response, or a known non-secret protocol
 * field (SAMLRequest, RelayState, state, request and correlation ids).
 */
final class SecretFieldNames {

    /** The meaning of a field name. */
    enum Category { PASSWORD, API_KEY, TOKEN, OAUTH_CODE, SAML_RESPONSE, NOT_SECRET, UNKNOWN }

    private static final Set<String> PASSWORD_NAMES = Set.of("password", "passwd", "pwd", "pass", "passphrase",
            "passcode", "passwort", "kennwort", "motdepasse", "contraseña", "contrasena", "wachtwoord", "senha",
            "lösenord", "losenord", "salasana", "userpass", "adminpass");
    private static final List<String> PASSWORD_NOT = List.of("reset", "policy", "forgot", "expir", "lastset",
            "changed", "hint", "strength", "length", "required", "enabled", "rule", "field", "label", "type", "url",
            "link", "prompt", "count", "age", "authentication", "less", "mode", "form", "page", "hash", "salt");
    private static final Set<String> NOT_SECRET = Set.of("samlrequest", "relaystate", "sigalg", "signature", "state",
            "nonce", "codechallenge", "codechallengemethod", "tokentype", "expiresin", "responsetype", "responsemode",
            "clientid", "redirecturi", "scope", "granttype", "prompt", "loginhint", "domainhint", "codeverifier",
            "csrftoken", "xsrftoken", "csrf", "xsrf", "requestverificationtoken", "pagetoken", "nextpagetoken",
            "nexttoken", "continuationtoken", "synctoken", "cursor", "etag", "tokenendpoint", "tokenurl");
    private static final List<String> ID_SUFFIXES = List.of("id", "guid", "uuid", "type", "url", "uri", "endpoint",
            "expiry", "expires", "expiresat", "expiresin", "issuedat", "lifetime", "length", "count", "name", "hint");

    private SecretFieldNames() {
    }

    static String normalize(final String name) {
        return name.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_.\\-\\[\\]\"']", "");
    }

    static Category classify(final String rawName) {
        final String name = normalize(rawName);
        if (name.isEmpty()) {
            return Category.UNKNOWN;
        }
        if (NOT_SECRET.contains(name) || name.contains("csrf") || name.contains("xsrf")) {
            return Category.NOT_SECRET;
        }
        if (name.equals("code") || name.equals("authcode") || name.equals("authorizationcode")) {
            return Category.OAUTH_CODE;
        }
        if (name.equals("samlresponse")) {
            return Category.SAML_RESPONSE;
        }
        if (isPassword(name)) {
            return Category.PASSWORD;
        }
        if (name.contains("apikey") || name.contains("clientsecret") || name.endsWith("secret")
                || name.contains("secretkey") || name.contains("accesskey") || name.contains("privatekey")
                || name.contains("authkey") || name.contains("subscriptionkey") || name.contains("signingkey")
                || name.contains("accountkey") || name.contains("masterkey") || name.equals("secret")) {
            return endsWithIdSuffix(name) ? Category.NOT_SECRET : Category.API_KEY;
        }
        if (name.endsWith("token") || name.equals("jwt") || name.equals("bearer") || name.equals("assertion")
                || name.endsWith("sessionkey") || name.equals("session")) {
            return Category.TOKEN;
        }
        if (endsWithIdSuffix(name)) {
            return Category.NOT_SECRET;
        }
        return Category.UNKNOWN;
    }

    private static boolean isPassword(final String name) {
        if (PASSWORD_NAMES.contains(name)) {
            return true;
        }
        final boolean mentions = name.contains("password") || name.endsWith("passwd") || name.endsWith("passwort")
                || name.endsWith("pwd") || name.endsWith("kennwort");
        return mentions && PASSWORD_NOT.stream().noneMatch(name::contains);
    }

    private static boolean endsWithIdSuffix(final String name) {
        return ID_SUFFIXES.stream().anyMatch(name::endsWith) && !name.endsWith("token");
    }
}
