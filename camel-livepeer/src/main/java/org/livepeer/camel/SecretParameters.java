package org.livepeer.camel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the values of this component's secret options in endpoint URIs, so that Camel's logs,
 * route dumps and management views never show them (Camel masks only option names it knows).
 */
final class SecretParameters {

    private static final Pattern SECRET =
            Pattern.compile("((?:^|[?&])(?:signerHeaders|discoveryHeaders|token)=)([^&]*)");

    private SecretParameters() {}

    static String mask(String uri) {
        Matcher matcher = SECRET.matcher(uri);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + "xxxxxx"));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
