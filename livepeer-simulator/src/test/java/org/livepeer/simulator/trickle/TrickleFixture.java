package org.livepeer.simulator.trickle;

import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import org.livepeer.simulator.TestHttp;
import org.livepeer.simulator.http.Router;
import org.livepeer.simulator.http.SimHttpServer;

/**
 * A trickle server mounted under {@value #PREFIX} on a real HTTP server on an ephemeral port, and
 * the clients that talk to it; {@link #close()} stops all of them.
 */
final class TrickleFixture implements AutoCloseable {

    static final String PREFIX = "/ai/trickle/";

    final NioEventLoopGroup group = new NioEventLoopGroup(2);
    final TrickleServer trickle;
    final SimHttpServer http;
    private final boolean tls;
    private final ExecutorService clientThreads = Executors.newCachedThreadPool();
    private final HttpClient client;
    private final List<RawHttpConnection> connections = new ArrayList<>();

    TrickleFixture(TrickleConfig config, boolean tls) {
        this.tls = tls;
        Router router = new Router();
        trickle = new TrickleServer(config, group).mount(router, PREFIX).start();
        http = new SimHttpServer("127.0.0.1", 0, tls, group, router).start();
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm(null);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(TestHttp.trustAll())
                .sslParameters(parameters)
                .executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    TrickleFixture() {
        this(TrickleConfig.defaults(), false);
    }

    static String path(String channelAndSeq) {
        return PREFIX + channelAndSeq;
    }

    URI uri(String channelAndSeq) {
        return URI.create(http.baseUrl() + path(channelAndSeq));
    }

    RawHttpConnection connect() throws IOException {
        RawHttpConnection connection = new RawHttpConnection(http.host(), http.port(), tls);
        synchronized (connections) {
            connections.add(connection);
        }
        return connection;
    }

    HttpResponse<String> send(String method, String channelAndSeq) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(channelAndSeq))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String channelAndSeq) throws Exception {
        return send("GET", channelAndSeq);
    }

    HttpResponse<byte[]> getBytes(String channelAndSeq) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(channelAndSeq))
                .timeout(Duration.ofSeconds(10))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A GET whose response completes when its head arrives; read the body as it streams. */
    CompletableFuture<HttpResponse<InputStream>> subscribe(String channelAndSeq) {
        HttpRequest request = HttpRequest.newBuilder(uri(channelAndSeq)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Publishes one whole segment over HTTP, as one chunk. */
    RawHttpConnection.Response publish(String channelAndSeq, byte[] data) throws IOException {
        try (RawHttpConnection connection = connect()) {
            connection.startChunkedRequest("POST", path(channelAndSeq), java.util.Map.of());
            try {
                if (data.length > 0) {
                    connection.sendChunk(data);
                }
                connection.endBody();
            } catch (java.net.SocketException answeredEarly) {
                // the server may answer (and close) on the request head, before the body is sent
            }
            return connection.readResponse();
        }
    }

    @Override
    public void close() throws Exception {
        synchronized (connections) {
            for (RawHttpConnection connection : connections) {
                connection.close();
            }
        }
        trickle.close();
        http.close();
        clientThreads.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
