package org.livepeer.gateway.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.livepeer.gateway.ConfigurationException;

class AppRequestTest {

    @Test
    void aTargetSplitsIntoPathAndQueryAndParametersAreEncoded() {
        AppRequest request = AppRequest.builder("post", "/v1/chat?stream=true")
                .queryParam("q", "a b&c")
                .build();
        assertEquals("POST", request.method());
        assertEquals("/v1/chat", request.path());
        assertEquals("stream=true&q=a%20b%26c", request.query());
        assertEquals("/v1/chat?stream=true&q=a%20b%26c", request.target());
        assertNull(AppRequest.get("/").query());
    }

    @Test
    void pathsThatLeaveTheAppOrAreNotPathsAreRefusedNamingThePath() {
        for (String bad : new String[] {"echo", "/a/../b", "/a/%2e%2e/b", "/with space", "/frag#x", "/back\\slash"}) {
            ConfigurationException refused = assertThrows(ConfigurationException.class, () -> AppRequest.get(bad), bad);
            assertEquals("path", refused.option(), bad);
        }
    }

    @Test
    void badMethodsAndHeadersAreRefusedNamingTheOption() {
        assertEquals(
                "method",
                assertThrows(ConfigurationException.class, () -> AppRequest.builder("GE T", "/"))
                        .option());
        assertEquals(
                "headers",
                assertThrows(ConfigurationException.class, () -> AppRequest.builder("GET", "/")
                                .header("X-Bad", "a\r\nInjected: yes"))
                        .option());
    }
}
