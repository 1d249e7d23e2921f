package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.LivepeerException;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.hostile.HostileServer;
import org.livepeer.simulator.hostile.Script;

/**
 * Distinctive secrets in signer headers, discovery headers, the discovery query and the token, on
 * routes that fail (with the component logging at DEBUG): no log line, exception message, endpoint
 * URI or MBean attribute shows them, also when Camel reports them itself.
 */
class SecretsTest {

    private static final String SIGNER_SECRET = "sgn7c1f0a9e3d";
    private static final String DISCOVERY_SECRET = "dsc2e8f41a06b";
    private static final String QUERY_SECRET = "qry5d93c7e210";
    private static final String TOKEN_SIGNER_SECRET = "tks0b61e97f24";
    private static final List<String> SECRETS =
            List.of(SIGNER_SECRET, DISCOVERY_SECRET, QUERY_SECRET, TOKEN_SIGNER_SECRET);

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final PrintStream originalErr = System.err;
    private final PrintStream originalOut = System.out;
    private LivepeerSimulator sim;
    private HostileServer echo;

    @BeforeEach
    void capture() {
        System.setErr(new PrintStream(new Tee(originalErr, logs), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(originalOut, logs), true, StandardCharsets.UTF_8));
        sim = LivepeerSimulator.builder().orchestrators(1).start();
        // echoes whatever it was sent, credentials included, in an error answer
        echo = HostileServer.start(
                request -> Script.respond(502, "text/plain", "echo " + request.target() + " " + request.headers()));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        System.setOut(originalOut);
        echo.close();
        sim.close();
    }

    @Test
    void failingRoutesNeverShowTheSecrets() throws Exception {
        String token = Base64.getEncoder()
                .encodeToString(
                        ("{\"orchestrators\":[\"" + sim.orchestratorAddresses().get(0) + "\"],\"signer\":\""
                                        + echo.baseUrl() + "\",\"signer_headers\":{\"Authorization\":\"Bearer "
                                        + TOKEN_SIGNER_SECRET + "\"}}")
                                .getBytes(StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:signer")
                            .to("livepeer:llm?modelId=m&orchestrators="
                                    + sim.orchestratorAddresses().get(0)
                                    + "&signerUrl=" + echo.baseUrl() + "&signerHeaders=RAW(Authorization: Bearer "
                                    + SIGNER_SECRET + ")");
                    from("direct:discovery")
                            .to("livepeer:llm?modelId=m&discoveryUrl=RAW(" + echo.baseUrl() + "/list?apikey="
                                    + QUERY_SECRET + ")&discoveryHeaders=RAW(X-Api-Key: " + DISCOVERY_SECRET + ")");
                    from("direct:token").to("livepeer:llm?modelId=m&token=RAW(" + token + ")");
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            for (String route : List.of("direct:signer", "direct:discovery", "direct:token")) {
                Exchange result = template.request(route, e -> e.getMessage().setBody("hello"));
                Exception failure = result.getException();
                assertNotNull(failure, route + " failed");
                assertTrue(failure instanceof LivepeerException, route + ": " + failure);
                seen.append(stackTrace(failure));
            }
            {
                Exception unresolved = assertThrows(
                        Exception.class,
                        () -> context.getEndpoint("livepeer:llm?modelId=m&signerHeaders=RAW(Authorization: Bearer "
                                + SIGNER_SECRET + ")&noSuchOption=1"));
                seen.append(stackTrace(unresolved));
            }
            for (Endpoint endpoint : context.getEndpoints()) {
                seen.append(endpoint.getEndpointUri())
                        .append('\n')
                        .append(endpoint)
                        .append('\n');
            }
            seen.append(mbeanAttributes());
        }
        seen.append(mainSummary());
        seen.append(logs.toString(StandardCharsets.UTF_8));

        assertTrue(seen.toString().contains("livepeer gateway started"), "the logs were captured");
        assertTrue(seen.toString().contains("camel.component.livepeer.signerHeaders"), "the summary was captured");
        assertTrue(echo.requests() >= 3, "the secrets were sent: " + echo.requests());
        for (String secret : SECRETS) {
            assertFalse(seen.toString().contains(secret), secret + " appears in:\n" + around(seen.toString(), secret));
        }
        assertFalse(seen.toString().contains(token), "the token appears");
    }

    @Test
    void endpointsThatFailToResolveShowNoSecretWhereverItStands() throws Exception {
        String token = Base64.getEncoder()
                .encodeToString(("{\"signer\":\"http://127.0.0.1:1\",\"signer_headers\":{\"Authorization\":\"Bearer "
                                + TOKEN_SIGNER_SECRET + "\"}}")
                        .getBytes(StandardCharsets.UTF_8));
        String signer = "signerHeaders=RAW(Authorization: Bearer " + SIGNER_SECRET + ")";
        String discovery = "discoveryHeaders=RAW(X-Api-Key: " + DISCOVERY_SECRET + ")";
        String query = "discoveryUrl=RAW(http://127.0.0.1:1/list?apikey=" + QUERY_SECRET + "&sig=" + QUERY_SECRET + ")";
        List<String> uris = List.of(
                "livepeer:llm?modelId=m&" + signer + "&" + discovery + "&token=RAW(" + token + ")&noSuchOption=1",
                "livepeer:llm?noSuchOption=1&" + discovery + "&" + query + "&" + signer,
                "livepeer:llm?modelId=m&" + query + "&" + discovery + "&" + signer + "&probeTimeout=soon",
                "livepeer:text-to-pizza?" + signer + "&" + discovery + "&token=RAW(" + token + ")",
                "livepeer:llm?noSuchOption=1&signerHeaders=RAW(X-A: a&b, Authorization: Bearer " + SIGNER_SECRET + ")&"
                        + discovery);
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            for (String uri : uris) {
                Exception unresolved = assertThrows(Exception.class, () -> context.getEndpoint(uri));
                String seen = stackTrace(unresolved);
                assertTrue(
                        seen.contains("noSuchOption")
                                || seen.contains("probeTimeout")
                                || seen.contains("text-to-pizza"),
                        "the failure is named: " + seen);
                if (unresolved instanceof org.apache.camel.NoSuchEndpointException named) {
                    seen += named.getUri();
                }
                for (String secret : SECRETS) {
                    assertFalse(seen.contains(secret), secret + " appears in:\n" + around(seen, secret));
                }
                assertFalse(seen.contains(token), "the token appears in:\n" + seen);
            }
        }
    }

    /** What Camel Main prints when it applies component options from properties. */
    private String mainSummary() throws Exception {
        java.nio.file.Path properties = java.nio.file.Files.createTempFile("secrets", ".properties");
        try {
            java.nio.file.Files.writeString(
                    properties,
                    "camel.component.livepeer.signerHeaders=Authorization: Bearer " + SIGNER_SECRET + "\n"
                            + "camel.component.livepeer.discoveryHeaders=X-Api-Key: " + DISCOVERY_SECRET + "\n"
                            + "camel.main.durationMaxSeconds=1\n");
            Main main = new Main();
            main.setDefaultPropertyPlaceholderLocation("file:" + properties);
            main.run();
            return "";
        } finally {
            java.nio.file.Files.delete(properties);
        }
    }

    private static String mbeanAttributes() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        StringBuilder out = new StringBuilder();
        Set<ObjectName> names = server.queryNames(new ObjectName("org.apache.camel:*"), null);
        assertFalse(names.isEmpty(), "Camel registered MBeans");
        for (ObjectName name : names) {
            out.append(name).append('\n');
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                try {
                    out.append(attribute.getName())
                            .append('=')
                            .append(server.getAttribute(name, attribute.getName()))
                            .append('\n');
                } catch (Exception | LinkageError e) {
                    // attributes that cannot be read show nothing
                }
            }
        }
        return out.toString();
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String around(String text, String secret) {
        int at = text.indexOf(secret);
        return text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 100));
    }

    /** Writes to both streams. */
    private static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        Tee(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
