package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The option and header tables of docs/camel-component.md come from the component's generated
 * JSON metadata, never by hand. Run with {@code -Dlivepeer.updateDocs=true} to rewrite them.
 */
class ComponentDocsTest {

    private static final Path DOCS = Path.of("../docs/camel-component.md");
    private static final String START = "<!-- generated from the component metadata: start -->";
    private static final String END = "<!-- generated from the component metadata: end -->";

    @Test
    void theComponentReferenceShowsTheGeneratedMetadata() throws Exception {
        JsonNode metadata;
        try (InputStream json = getClass().getResourceAsStream("/META-INF/org/livepeer/camel/livepeer.json")) {
            metadata = new ObjectMapper().readTree(json);
        }
        String tables = render(metadata);
        String docs = Files.readString(DOCS);
        int start = docs.indexOf(START);
        int end = docs.indexOf(END);
        String updated = docs.substring(0, start + START.length()) + "\n" + tables + docs.substring(end);
        if (Boolean.getBoolean("livepeer.updateDocs")) {
            Files.writeString(DOCS, updated);
        }
        assertEquals(
                updated,
                docs,
                "docs/camel-component.md is out of date; run: mvn -pl camel-livepeer test -Dtest=ComponentDocsTest"
                        + " -Dlivepeer.updateDocs=true");
    }

    static String render(JsonNode metadata) {
        StringBuilder out = new StringBuilder();
        out.append("\n### Component options\n\n");
        table(out, metadata.get("componentProperties"));
        out.append("\n### Endpoint options\n\n");
        table(out, metadata.get("properties"));
        out.append("\n### Message headers\n\n| header | type | description |\n|---|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.get("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            out.append("| `")
                    .append(header.getKey())
                    .append("` | ")
                    .append(simpleType(header.getValue().path("javaType").asText()))
                    .append(" | ")
                    .append(cell(header.getValue().path("description").asText()))
                    .append(" |\n");
        }
        return out.append('\n').toString();
    }

    private static void table(StringBuilder out, JsonNode properties) {
        out.append("| option | group | default | type | description |\n|---|---|---|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> option = it.next();
            JsonNode o = option.getValue();
            out.append("| `")
                    .append(option.getKey())
                    .append("`")
                    .append(o.path("required").asBoolean() ? " (required)" : "")
                    .append(o.path("secret").asBoolean() ? " (secret)" : "")
                    .append(" | ")
                    .append(o.path("group").asText())
                    .append(" | ")
                    .append(o.has("defaultValue") ? "`" + o.get("defaultValue").asText() + "`" : "")
                    .append(" | ")
                    .append(simpleType(o.path("javaType").asText()))
                    .append(" | ")
                    .append(cell(o.path("description").asText()))
                    .append(
                            o.has("enum")
                                    ? " One of: " + o.get("enum").toString().replace("\"", "`") + "."
                                    : "")
                    .append(" |\n");
        }
    }

    private static String simpleType(String javaType) {
        return javaType.replaceAll("[a-z0-9_]+\\.", "").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
