package org.livepeer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.trickle.TrickleChannel;

class NettyTransportTlsTest {

    private TestServer server;
    private NettyTransport transport;

    @BeforeEach
    void setUp() {
        server = new TestServer(true);
        transport = NettyTransport.builder().ioThreads(2).build();
    }

    @AfterEach
    void tearDown() {
        transport.close();
        server.close();
    }

    @Test
    void acceptingTrustManagerSeesPeerHostAndPortAndRequestsSucceed() throws Exception {
        PinningTrustManager trust =
                new PinningTrustManager(server.http.certificate().certificate());
        TrickleChannel channel = server.trickle.createChannel("ch", "video/mp2t");
        SslContext context = clientContext(trust);

        StreamingRequest publish = transport.open(
                HttpRequest.post(server.trickleUrl("ch/0")).sslContext(context).build());
        publish.write(new byte[] {1, 2, 3});
        assertEquals(200, publish.finish().get(10, TimeUnit.SECONDS).status());
        HttpResponse segment = transport
                .send(HttpRequest.get(server.trickleUrl("ch/0"))
                        .sslContext(context)
                        .build())
                .get(10, TimeUnit.SECONDS);

        assertEquals(3, segment.body().length);
        assertEquals(1, channel.segmentsPublished());
        assertEquals(List.of("127.0.0.1:" + server.http.port()), trust.peersChecked);
        // the second request reused the TLS connection
        assertEquals(1, server.acceptedConnections());
    }

    @Test
    void rejectedCertificateIsTypedTlsFailureWithItsCause() throws Exception {
        PinningTrustManager trust = new PinningTrustManager(null);
        TransportException error =
                NettyTransportSendTest.failure(transport.send(HttpRequest.get(server.trickleUrl("ch/next"))
                        .sslContext(clientContext(trust))
                        .build()));

        assertEquals(TransportException.Kind.TLS_HANDSHAKE, error.kind());
        assertInstanceOf(SSLException.class, error.getCause());
        assertTrue(hasCause(error, CertificateException.class), "cause chain: " + error);
        assertTrue(error.getMessage().contains("GET " + server.trickleUrl("ch/next")), error.getMessage());
        assertEquals(List.of("127.0.0.1:" + server.http.port()), trust.peersChecked);
    }

    @Test
    void defaultContextUsesSystemTrustAndRejectsSelfSignedCertificates() throws Exception {
        TransportException error = NettyTransportSendTest.failure(
                transport.send(HttpRequest.get(server.trickleUrl("ch/next")).build()));

        assertEquals(TransportException.Kind.TLS_HANDSHAKE, error.kind());
    }

    @Test
    void differentContextsNeverShareAConnection() throws Exception {
        X509Certificate certificate = server.http.certificate().certificate();
        server.trickle.createChannel("ch", "video/mp2t");
        for (int i = 0; i < 2; i++) {
            SslContext context = clientContext(new PinningTrustManager(certificate));
            assertEquals(
                    200,
                    transport
                            .send(HttpRequest.get(server.trickleUrl("ch/next"))
                                    .sslContext(context)
                                    .build())
                            .get(10, TimeUnit.SECONDS)
                            .status());
        }
        assertEquals(2, server.acceptedConnections());
    }

    private static SslContext clientContext(X509ExtendedTrustManager trust) throws SSLException {
        return SslContextBuilder.forClient().trustManager(trust).build();
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Trusts exactly one certificate (none: rejects all) and records which peers it was asked about. */
    private static final class PinningTrustManager extends X509ExtendedTrustManager {
        final List<String> peersChecked = new CopyOnWriteArrayList<>();
        private final X509Certificate pinned;

        PinningTrustManager(X509Certificate pinned) {
            this.pinned = pinned;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            peersChecked.add(engine.getPeerHost() + ":" + engine.getPeerPort());
            if (pinned == null || !pinned.equals(chain[0])) {
                throw new CertificateException("certificate does not match the pinned one");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("sockets are not used");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("peer unknown");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
