package org.livepeer.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theStandaloneProcessPrintsOneJsonLineFirstAndServesWhatItDescribes() throws Exception {
        String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(
                        javaBin,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SimulatorMain.class.getName(),
                        "--orchestrators",
                        "3",
                        "--signer-header",
                        "Authorization: Bearer t0ken")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader stdout =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            JsonNode line = JSON.readTree(stdout.readLine());

            assertEquals(3, line.get("orchestrators").size());
            assertTrue(line.get("signer").asText().startsWith("http://127.0.0.1:"));
            assertTrue(line.get("discovery").asText().endsWith("/orchestrators"));
            JsonNode token =
                    JSON.readTree(Base64.getDecoder().decode(line.get("token").asText()));
            assertEquals(line.get("orchestrators"), token.get("orchestrators"));
            assertEquals(line.get("signer"), token.get("signer"));
            assertEquals(
                    "Bearer t0ken",
                    token.get("signer_headers").get("Authorization").asText());
            assertEquals(line.get("discovery"), token.get("discovery"));

            HttpResponse<String> discovered = TestHttp.insecureClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(line.get("discovery").asText()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, discovered.statusCode());
            assertEquals(3, JSON.readTree(discovered.body()).size());
        } finally {
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the simulator stops on SIGTERM");
        }
    }

    @Test
    void rejectsBadOptionsNamingTheOptionButNeverAHeaderValue() {
        IllegalArgumentException count = assertThrows(
                IllegalArgumentException.class, () -> SimulatorOptions.parse(new String[] {"--orchestrators", "x"}));
        assertTrue(count.getMessage().contains("--orchestrators"));

        IllegalArgumentException header = assertThrows(
                IllegalArgumentException.class,
                () -> SimulatorOptions.parse(new String[] {"--signer-header", "secretvalue"}));
        assertTrue(header.getMessage().contains("--signer-header"));
        assertFalse(header.getMessage().contains("secretvalue"));

        assertThrows(IllegalArgumentException.class, () -> SimulatorOptions.parse(new String[] {"--bogus"}));
    }

    @Test
    void offchainNetworksHaveNoSignerInTheirDescription() {
        SimulatorOptions options = SimulatorOptions.parse(new String[] {"--offchain", "--orchestrators", "1"});
        try (LivepeerSimulator simulator = SimulatorMain.start(options)) {
            JsonNode description = simulator.describe();
            assertTrue(description.get("signer").isNull());
            JsonNode token = readToken(description);
            assertFalse(token.has("signer"));
            assertEquals(1, token.get("orchestrators").size());
        }
    }

    @Test
    void trickleCompatibilityFlagsMakeOrchestratorsBehaveLikeGoLivepeer0810WithAutocreate() throws Exception {
        SimulatorOptions options = SimulatorOptions.parse(new String[] {
            "--offchain", "--orchestrators", "1", "--plain-http", "--trickle-compat", "v0.8.10", "--trickle-autocreate"
        });
        try (LivepeerSimulator simulator = SimulatorMain.start(options)) {
            String channel = simulator.orchestrator(0).transcoderUrl() + "/ai/trickle/fresh";
            var client = TestHttp.insecureClient();

            HttpResponse<String> missing = client.send(
                    HttpRequest.newBuilder(URI.create(channel + "/next")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());

            HttpResponse<String> created = client.send(
                    HttpRequest.newBuilder(URI.create(channel + "/-1"))
                            .POST(HttpRequest.BodyPublishers.ofString("first"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, created.statusCode());
            assertEquals("0", created.headers().firstValue("Lp-Trickle-Seq").orElse(null));

            HttpResponse<String> noNextRoute = client.send(
                    HttpRequest.newBuilder(URI.create(channel + "/next")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, noNextRoute.statusCode());
            assertEquals("Invalid idx", noNextRoute.body().strip());
        }
    }

    @Test
    void theRunnersFlagAddsEmbeddedEchoAppsThatTheDescriptionLists() throws Exception {
        SimulatorOptions options =
                SimulatorOptions.parse(new String[] {"--orchestrators", "1", "--runners", "--price", "7"});
        try (LivepeerSimulator simulator = SimulatorMain.start(options)) {
            JsonNode runners = simulator.describe().get("runners");

            assertEquals(2, runners.size());
            assertEquals("echo/v1", runners.get(0).get("app").asText());
            assertEquals("persistent", runners.get(0).get("mode").asText());
            assertEquals(7, runners.get(0).get("price_info").get("price").asLong());
            assertEquals("seconds", runners.get(0).get("price_info").get("unit").asText());
            assertEquals("o1", runners.get(0).get("orchestrator").asText());
            assertEquals("single-shot", runners.get(1).get("mode").asText());
            assertEquals("fixed", runners.get(1).get("price_info").get("unit").asText());
            HttpResponse<String> health = TestHttp.insecureClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            simulator.orchestrator(0).apps().runnerUrl("echo") + "/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        }
    }

    @Test
    void unknownTrickleCompatibilityIsRejectedNamingTheFlag() {
        IllegalArgumentException error = assertThrows(
                IllegalArgumentException.class,
                () -> SimulatorOptions.parse(new String[] {"--trickle-compat", "v0.7"}));
        assertTrue(error.getMessage().contains("--trickle-compat"), error.getMessage());
        assertTrue(error.getMessage().contains("v0.7"), error.getMessage());
    }

    private static JsonNode readToken(JsonNode description) {
        try {
            return JSON.readTree(
                    Base64.getDecoder().decode(description.get("token").asText()));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
