package org.livepeer.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    @Test
    void tokenValuesTakePrecedenceOverExplicitOptions() {
        String token = new GatewayToken(
                        List.of("o1.example:8935", "https://[::1]:9000"),
                        "https://signer.example/path/ignored",
                        Map.of("Authorization", "Bearer from-token"),
                        "https://discovery.example/orchestrators",
                        null)
                .encode();

        GatewayConfig config = GatewayConfig.builder()
                .orchestrators(List.of("explicit:1"))
                .signerUrl("http://explicit-signer:1")
                .signerHeaders(Map.of("Authorization", "Bearer explicit"))
                .discoveryHeaders(Map.of("X-Key", "kept"))
                .token(token)
                .build();

        assertEquals(
                List.of(new OrchestratorAddress("o1.example", 8935), new OrchestratorAddress("::1", 9000)),
                config.orchestrators());
        assertEquals(List.of(URI.create("https://signer.example")), config.signerUrls());
        assertEquals("Bearer from-token", config.signerHeaders().get("Authorization"));
        assertEquals(URI.create("https://discovery.example/orchestrators"), config.discoveryUrl());
        assertEquals("kept", config.discoveryHeaders().get("X-Key"));
        assertFalse(config.offchain());
    }

    @Test
    void theDefaultSelectionWindowLeavesRoomForTheHandOverWithin50Ms() {
        Duration window =
                GatewayConfig.builder().orchestrators(List.of("h:1")).build().selectionWindow();

        assertEquals(Duration.ofMillis(40), window);
    }

    @Test
    void withoutASignerTheGatewayRunsOffchain() {
        assertTrue(GatewayConfig.builder().orchestrators(List.of("h:1")).build().offchain());
    }

    @Test
    void badValuesFailNamingTheOptionAndTheValueButNeverASecret() {
        ConfigurationException address = assertThrows(ConfigurationException.class, () -> GatewayConfig.builder()
                .orchestrators(List.of("http://o:1"))
                .build());
        assertEquals("orchestrators", address.option());
        assertTrue(address.getMessage().contains("http://o:1"), address.getMessage());

        assertEquals(
                "orchestrators",
                assertThrows(ConfigurationException.class, () -> GatewayConfig.builder()
                                .orchestrators(List.of("https://o:1/path"))
                                .build())
                        .option());
        assertEquals(
                "orchestrators",
                assertThrows(ConfigurationException.class, () -> GatewayConfig.builder()
                                .orchestrators(List.of("no-port"))
                                .build())
                        .option());
        assertEquals(
                "signerUrl",
                assertThrows(ConfigurationException.class, () -> GatewayConfig.builder()
                                .signerUrl("ftp://s")
                                .build())
                        .option());

        ConfigurationException header = assertThrows(ConfigurationException.class, () -> GatewayConfig.builder()
                .signerHeaders(Map.of("Authorization", "Bearer s3cret\nInjected: x"))
                .build());
        assertEquals("signerHeaders", header.option());
        assertFalse(header.getMessage().contains("s3cret"), header.getMessage());

        ConfigurationException token = assertThrows(
                ConfigurationException.class,
                () -> GatewayConfig.builder().token("not base64 !!").build());
        assertEquals("token", token.option());
        assertFalse(token.getMessage().contains("not base64 !!"));

        String badField = java.util.Base64.getEncoder().encodeToString("{\"orchestrators\":\"o:1\"}".getBytes());
        assertEquals(
                "token.orchestrators",
                assertThrows(
                                ConfigurationException.class,
                                () -> GatewayConfig.builder().token(badField).build())
                        .option());
    }

    @Test
    void configurationTextNeverShowsHeaderValues() {
        GatewayConfig config = GatewayConfig.builder()
                .signerUrl("https://s:1")
                .signerHeaders(Map.of("Authorization", "Bearer s3cret"))
                .build();
        assertFalse(config.toString().contains("s3cret"));
        assertTrue(config.toString().contains("Authorization"));
    }

    @Test
    void signerAndDiscoveryGivenAsHostAndPortAreHttpsAsInGoAndPython() {
        GatewayConfig config = GatewayConfig.builder()
                .signerUrl("signer.example:8081")
                .discoveryUrl("discovery.example:9000")
                .build();

        assertEquals(
                URI.create("https://signer.example:8081"), config.signerUrls().get(0));
        assertEquals(URI.create("https://discovery.example:9000"), config.discoveryUrl());
    }

    @Test
    void aBlankTokenOrOneThatConfiguresNothingIsRejectedNamingTheOption() {
        ConfigurationException blank = assertThrows(
                ConfigurationException.class,
                () -> GatewayConfig.builder().token("  ").build());
        assertTrue(blank.getMessage().contains("token"), blank.getMessage());
        assertTrue(blank.getMessage().contains("blank"), blank.getMessage());

        String headersOnly = java.util.Base64.getEncoder()
                .encodeToString("{\"signer_headers\":{\"Authorization\":\"Bearer s3cret\"}}".getBytes());
        ConfigurationException useless = assertThrows(
                ConfigurationException.class,
                () -> GatewayConfig.builder().token(headersOnly).build());
        assertTrue(useless.getMessage().contains("token"), useless.getMessage());
        assertTrue(useless.getMessage().contains("no orchestrators, signer or discovery"), useless.getMessage());
        assertFalse(useless.getMessage().contains("s3cret"), useless.getMessage());
        ConfigurationException empty = assertThrows(ConfigurationException.class, () -> GatewayConfig.builder()
                .token(java.util.Base64.getEncoder().encodeToString("{}".getBytes()))
                .build());
        assertTrue(empty.getMessage().contains("token"), empty.getMessage());
    }
}
