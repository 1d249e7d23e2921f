package org.livepeer.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.LivepeerSimulator;

class JavaApiExampleTest {

    @Test
    void theDocumentedExampleGeneratesAnImageOnTheSimulatedNetwork() throws Exception {
        try (LivepeerSimulator sim =
                LivepeerSimulator.builder().orchestrators(2).start()) {
            JsonNode reply = JavaApiExample.generateImage(sim.token());

            assertEquals(1, reply.get("images").size());
            assertTrue(reply.get("images").get(0).get("url").asText().startsWith("https://"));
            String manifest = Capability.TEXT_TO_IMAGE.id() + "_ByteDance/SDXL-Lightning";
            long paidOrchestrators = sim.orchestrators().stream()
                    .filter(o -> o.balances().totalCredited(manifest).signum() > 0)
                    .count();
            assertEquals(1, paidOrchestrators, "exactly one orchestrator was paid");
        }
    }

    @Test
    void theDocsShowTheExampleAsItIsTested() throws Exception {
        Path source = Path.of("src/test/java/org/livepeer/gateway/JavaApiExample.java");
        List<String> lines = Files.readAllLines(source);
        int start = indexOf(lines, "// docs:start") + 1;
        int end = indexOf(lines, "// docs:end");
        String indent = lines.get(start)
                .substring(0, lines.get(start).indexOf(lines.get(start).trim()));
        String snippet = lines.subList(start, end).stream()
                .map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line.trim())
                .collect(Collectors.joining("\n"));

        String docs = Files.readString(Path.of("../docs/java-api.md"));

        assertTrue(docs.contains(snippet), "docs/java-api.md must contain the example exactly:\n" + snippet);
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker " + marker + " not found");
    }
}
