package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livepeer.simulator.junit.LivepeerSimulatorExtension;
import org.livepeer.simulator.trickle.SegmentListener;
import org.livepeer.simulator.trickle.TrickleConfig;

/** Live sessions from Java DSL routes; each test adds its own routes and starts the context. */
class LiveRoutesTest extends CamelTestSupport {

    private static final String LIVE = "livepeer:live-video-to-video?modelId=streamdiffusion";

    /** A fresh network per test (one test stops its orchestrator), started before the context. */
    @RegisterExtension
    @Order(1)
    final LivepeerSimulatorExtension livepeer = LivepeerSimulatorExtension.create(
            b -> b.orchestratorDefaults(o -> o.trickle(TrickleConfig.defaults().withWindowSize(32))));

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseRouteBuilder(false);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        LivepeerConfiguration configuration =
                context.getComponent("livepeer", LivepeerComponent.class).getConfiguration();
        configuration.setToken(livepeer.token());
        // probes may be slow in a cold JVM on a busy machine; how long they take is not tested here
        configuration.setProbeTimeout(15_000);
        return context;
    }

    private static byte[] segment(String who, int i) {
        return (who + " segment " + i + " " + "x".repeat(4000 + i)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void segmentsGoOutAndComeBackInOrderAndControlComesBackAsAnEvent() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to(LIVE + "&session=s1&params={\"prompt\":\"a cat\"}");
                from(LIVE + "&session=s1").to("mock:out");
                from("direct:control").to(LIVE + "&session=s1&channel=control");
                from(LIVE + "&session=s1&channel=events")
                        .filter(simple("${body[type]} == 'params_update'"))
                        .to("mock:events");
            }
        });
        context.start();
        MockEndpoint out = getMockEndpoint("mock:out");
        MockEndpoint events = getMockEndpoint("mock:events");
        out.expectedMessageCount(5);
        out.expectedHeaderReceived(LivepeerConstants.SESSION, "s1");
        events.expectedMessageCount(1);

        for (int i = 0; i < 5; i++) {
            template.sendBody("direct:in", segment("s1", i));
        }
        template.sendBody("direct:control", "{\"prompt\":\"a dog\"}");

        out.assertIsSatisfied();
        List<Exchange> received = out.getReceivedExchanges();
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(segment("s1", i), received.get(i).getMessage().getBody(byte[].class));
        }
        events.assertIsSatisfied();
        Map<?, ?> update = events.getReceivedExchanges().get(0).getMessage().getBody(Map.class);
        assertEquals("a dog", ((Map<?, ?>) update.get("params")).get("prompt"));
    }

    @Test
    void segmentsSentWhileTheSessionIsStillStartingGoOutInTheOrderTheyWereSent() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // twelve segments go out at once: more than the default in-flight limit of 3
                from("direct:in").to(LIVE + "&session=o1&maxInflightSegments=16");
            }
        });
        context.start();

        // sent from this thread without waiting, while the session starts: each exchange reaches
        // the producer in turn
        var inOrder = context.createProducerTemplate();
        inOrder.setThreadedAsyncMode(false);
        List<java.util.concurrent.Future<Object>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sent.add(inOrder.asyncSendBody("direct:in", segment("o1", i)));
        }
        for (var future : sent) {
            future.get(20, java.util.concurrent.TimeUnit.SECONDS);
        }
        inOrder.stop();

        // what the orchestrator's input channel holds, by sequence number (it keeps 32 segments)
        String manifest = context.getComponent("livepeer", LivepeerComponent.class)
                .liveSessionStats("o1")
                .orElseThrow()
                .manifestId();
        Map<Long, java.io.ByteArrayOutputStream> received = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Set<Long> complete = java.util.concurrent.ConcurrentHashMap.newKeySet();
        var subscription = livepeer.simulator()
                .orchestrator(0)
                .trickle()
                .channel(manifest)
                .orElseThrow()
                .subscribe(0, new SegmentListener() {
                    @Override
                    public void onChunk(long seq, io.netty.buffer.ByteBuf chunk) {
                        byte[] bytes = new byte[chunk.readableBytes()];
                        chunk.getBytes(chunk.readerIndex(), bytes);
                        received.computeIfAbsent(seq, n -> new java.io.ByteArrayOutputStream())
                                .writeBytes(bytes);
                    }

                    @Override
                    public void onSegmentEnd(long seq) {
                        complete.add(seq);
                    }
                });
        try {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> complete.size() >= 12);
        } finally {
            subscription.cancel();
        }
        List<Long> sequence = complete.stream().sorted().toList();
        for (int i = 0; i < 12; i++) {
            assertArrayEquals(
                    segment("o1", i),
                    received.get(sequence.get(i)).toByteArray(),
                    "segment " + i + " went out " + (i + 1) + "th");
        }
    }

    @Test
    void oneRouteServesTwoSessionsByHeaderAndKeepsTheirMediaApart() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:users").to(LIVE);
                from(LIVE + "&session=alice").to("mock:alice");
                from(LIVE + "&session=bob").to("mock:bob");
            }
        });
        context.start();
        MockEndpoint alice = getMockEndpoint("mock:alice");
        MockEndpoint bob = getMockEndpoint("mock:bob");
        alice.expectedMessageCount(3);
        bob.expectedMessageCount(3);

        for (int i = 0; i < 3; i++) {
            template.sendBodyAndHeader("direct:users", segment("alice", i), LivepeerConstants.SESSION, "alice");
            template.sendBodyAndHeader("direct:users", segment("bob", i), LivepeerConstants.SESSION, "bob");
        }

        alice.assertIsSatisfied();
        bob.assertIsSatisfied();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(
                    segment("alice", i),
                    alice.getReceivedExchanges().get(i).getMessage().getBody(byte[].class));
            assertArrayEquals(
                    segment("bob", i),
                    bob.getReceivedExchanges().get(i).getMessage().getBody(byte[].class));
        }
        assertTrue(!alice.getReceivedExchanges()
                .get(0)
                .getMessage()
                .getHeader(LivepeerConstants.MANIFEST_ID)
                .equals(bob.getReceivedExchanges().get(0).getMessage().getHeader(LivepeerConstants.MANIFEST_ID)));
    }

    @Test
    void sessionStatsAreReadableAndPublishedAsMetrics() throws Exception {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        context.getRegistry().bind("meters", meters);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("feed").to(LIVE + "&session=m1");
                from(LIVE + "&session=m1").routeId("output").to("mock:out");
            }
        });
        context.start();
        MockEndpoint out = getMockEndpoint("mock:out");
        out.expectedMessageCount(3);
        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:in", segment("m1", i));
        }
        out.assertIsSatisfied();

        LivepeerComponent livepeer = context.getComponent("livepeer", LivepeerComponent.class);
        var stats = livepeer.liveSessionStats("m1").orElseThrow();
        assertEquals(3, stats.segmentsIn());
        assertEquals(
                3.0,
                meters.get("livepeer.live.segments.in")
                        .tag("session", "m1")
                        .gauge()
                        .value());
        assertTrue(meters.get("livepeer.live.paid.wei")
                        .tag("session", "m1")
                        .gauge()
                        .value()
                > 0);

        context.getRouteController().stopRoute("feed");
        context.getRouteController().stopRoute("output");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> meters.find("livepeer.live.segments.in").gauges().isEmpty());
        assertTrue(livepeer.liveSessionStats("m1").isEmpty(), "the session closed with its last endpoint");
    }

    @Test
    void streamedOutputBodiesAndFailedDeliveriesFailTheirExchanges() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to(LIVE + "&session=f1");
                from(LIVE + "&session=f1&segmentBody=stream")
                        .convertBodyTo(byte[].class)
                        .to("mock:out");
            }
        });
        context.start();
        MockEndpoint out = getMockEndpoint("mock:out");
        out.expectedMessageCount(1);
        NotifyBuilder failedDelivery =
                new NotifyBuilder(context).from("direct:in").whenFailed(1).create();

        template.sendBody("direct:in", new java.io.ByteArrayInputStream(segment("f1", 0)));
        out.assertIsSatisfied();
        assertArrayEquals(
                segment("f1", 0), out.getReceivedExchanges().get(0).getMessage().getBody(byte[].class));

        livepeer.simulator().orchestrator(0).stop();
        Exchange failed = template.request("direct:in", e -> e.getMessage().setBody(segment("f1", 1)));
        assertTrue(failed.getException() != null, "a segment that could not be delivered fails its exchange");
        assertTrue(failedDelivery.matches(5, java.util.concurrent.TimeUnit.SECONDS), "the route saw the failure");
    }

    @Test
    void aSessionWhoseStartFailedIsStartedAgainByALaterExchange() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to(LIVE + "&session=r1");
            }
        });
        livepeer.simulator().orchestrator(0).stop();
        context.start();

        Exchange failed = template.request("direct:in", e -> e.getMessage().setBody(segment("r1", 0)));
        assertTrue(
                failed.getException() instanceof org.livepeer.gateway.LivepeerException,
                "no orchestrator to start on: " + failed.getException());

        livepeer.simulator().orchestrator(0).start();
        // the failed orchestrator is suspended for a while: a later exchange starts the session anew
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> template.request("direct:in", e -> e.getMessage().setBody(segment("r1", 1)))
                                .getException()
                        == null);
        assertTrue(context.getComponent("livepeer", LivepeerComponent.class)
                .liveSessionStats("r1")
                .isPresent());
    }
}
