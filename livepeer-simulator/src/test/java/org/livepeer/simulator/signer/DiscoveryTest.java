package org.livepeer.simulator.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.signer.SignerFixture.Reply;

class DiscoveryTest {

    private static final DiscoveryEntry A =
            new DiscoveryEntry("https://127.0.0.1:9001", List.of("text-to-image/sdxl", "llm/llama"));
    private static final DiscoveryEntry B = new DiscoveryEntry(
            "https://127.0.0.1:9002", List.of("live-video-to-video/streamdiffusion", "text-to-image/sdxl"));

    private final List<DiscoveryEntry> network = new CopyOnWriteArrayList<>();
    private final SignerFixture f = new SignerFixture(c -> c.tls(true).discovery(() -> new ArrayList<>(network)));

    @AfterEach
    void close() {
        f.close();
    }

    private List<String> addresses(Reply reply) throws Exception {
        List<String> out = new ArrayList<>();
        reply.json().forEach(item -> out.add(item.get("address").asText()));
        return out;
    }

    @Test
    void answers503UntilOrchestratorsAreKnown() throws Exception {
        Reply empty = f.get(f.signer.baseUrl() + "/discover-orchestrators", Map.of());

        assertEquals(503, empty.status());
        assertEquals("Service Unavailable Error", empty.errorMessage());
        network.add(A);
        assertEquals(
                200,
                f.get(f.signer.baseUrl() + "/discover-orchestrators", Map.of()).status());
    }

    @Test
    void listsEveryOrchestratorOrThoseOfferingAnyRequestedCapability() throws Exception {
        network.addAll(List.of(A, B));
        String url = f.signer.baseUrl() + "/discover-orchestrators";

        Reply all = f.get(url, Map.of());
        JsonNode first = all.json().get(0);
        assertEquals(A.address(), first.get("address").asText());
        assertEquals(1, first.get("score").asInt());
        assertEquals("llm/llama", first.get("capabilities").get(0).asText(), "sorted");
        assertEquals(List.of(A.address(), B.address()), addresses(all));

        assertEquals(
                List.of(B.address()), addresses(f.get(url + "?caps=live-video-to-video/streamdiffusion", Map.of())));
        assertEquals(
                List.of(A.address(), B.address()),
                addresses(f.get(url + "?caps=llm/llama&caps=text-to-image/sdxl", Map.of())),
                "any one capability matches, each orchestrator once");
        assertEquals(List.of(), addresses(f.get(url + "?caps=upscale/x4", Map.of())));
        assertEquals(2, addresses(f.get(url + "?caps=", Map.of())).size(), "empty caps are ignored");
    }

    @Test
    void standaloneDiscoveryServesTheSameListBehindItsOwnHeaders() throws Exception {
        network.addAll(List.of(A, B));
        try (DiscoveryServer discovery = new DiscoveryServer(
                        "127.0.0.1", 0, false, f.group, () -> new ArrayList<>(network), Map.of("X-Api-Key", "k1"))
                .start()) {
            assertEquals(401, f.get(discovery.url(), Map.of()).status());
            assertEquals(403, f.get(discovery.url(), Map.of("X-Api-Key", "k2")).status());

            Reply reply = f.get(discovery.url() + "?caps=llm/llama", Map.of("X-Api-Key", "k1"));
            assertEquals(200, reply.status());
            assertEquals(List.of(A.address()), addresses(reply));

            network.clear();
            assertEquals(
                    "[]\n", f.get(discovery.url(), Map.of("X-Api-Key", "k1")).body());
        }
    }
}
