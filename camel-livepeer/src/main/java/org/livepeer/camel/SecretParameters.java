package org.livepeer.camel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the values of this component's secret options in endpoint URIs, so that Camel's logs,
 * route dumps and management views never show them (Camel masks only option names it knows), and
 * the query of the discovery URL (which may carry an API key).
 */
final class SecretParameters {

    /**
     * Option names Camel is told are secret: its start-up summary of {@code camel.component.livepeer.*}
     * and the URIs it prints on failures mask them ({@code token} is one of Camel's own already).
     */
    static final String SENSITIVE_KEYWORDS = "signerheaders,discoveryheaders";

    private static final Pattern SECRET = Pattern.compile(
            "((?:^|[?&])(?:signerHeaders|discoveryHeaders|token)=)(RAW\\([^)]*\\)|RAW\\{[^}]*\\}|[^&]*)");
    /** The discovery URL's own query, plain or percent-encoded. */
    private static final Pattern DISCOVERY_QUERY =
            Pattern.compile("((?:^|[?&])discoveryUrl=(?:[^&?%(]|%(?!3[Ff]))*)(?:\\?|%3[Ff])[^&]*");
    /** The discovery URL's own query inside RAW(...), where it may contain '&'. */
    private static final Pattern RAW_DISCOVERY_QUERY =
            Pattern.compile("((?:^|[?&])discoveryUrl=RAW\\([^)?]*)\\?[^)]*\\)");

    /**
     * A secret option anywhere in a text (a URI quoted in a message): a RAW value up to its closing
     * bracket, any other value up to the next parameter or whitespace.
     */
    private static final Pattern SECRET_IN_TEXT = Pattern.compile(
            "((?:signerHeaders|discoveryHeaders|token)=)(RAW\\([^)]*\\)|RAW\\{[^}]*\\}|[^&\\s]*)",
            Pattern.CASE_INSENSITIVE);

    private SecretParameters() {}

    /** {@code text} with the value of every secret option and the discovery URL's query masked. */
    static String maskText(String text) {
        if (text == null) {
            return null;
        }
        String out = replaceAll(SECRET_IN_TEXT.matcher(text), m -> m.group(1) + "xxxxxx");
        out = replaceAll(RAW_DISCOVERY_QUERY.matcher(out), m -> m.group(1) + "?xxxxxx)");
        return replaceAll(DISCOVERY_QUERY.matcher(out), m -> m.group(1) + "?xxxxxx");
    }

    static String mask(String uri) {
        String out = replaceAll(SECRET.matcher(uri), m -> m.group(1) + "xxxxxx");
        out = replaceAll(RAW_DISCOVERY_QUERY.matcher(out), m -> m.group(1) + "?xxxxxx)");
        return replaceAll(DISCOVERY_QUERY.matcher(out), m -> m.group(1) + "?xxxxxx");
    }

    /** A URL without its query (which may carry credentials), for logs. */
    static String withoutQuery(String url) {
        if (url == null) {
            return null;
        }
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?xxxxxx";
    }

    private static String replaceAll(Matcher matcher, java.util.function.Function<Matcher, String> replacement) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
