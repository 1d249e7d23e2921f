package org.livepeer.camel;

import java.util.LinkedHashMap;
import java.util.Map;
import org.livepeer.gateway.ConfigurationException;

/** Parses header options written as {@code "Name: value, Name2: value2"}; values are secrets and never echoed. */
final class HeaderLists {

    private HeaderLists() {}

    static Map<String, String> parse(String option, Object value) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (value == null) {
            return headers;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> headers.put(
                    String.valueOf(k).trim(), v == null ? "" : String.valueOf(v).trim()));
            return headers;
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            return headers;
        }
        for (String entry : text.split("[,\\n]")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new ConfigurationException(option, "expected 'Name: value' pairs separated by commas");
            }
            headers.put(
                    entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
        }
        return headers;
    }
}
