package org.livepeer.simulator;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/** Raw HTTP clients for tests; they trust the simulator's self-signed (and go-shaped) certificates. */
public final class TestHttp {

    private TestHttp() {}

    /** A JDK HTTP/1.1 client that accepts any certificate and skips host name checks. */
    public static HttpClient insecureClient() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm(null);
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(trustAll())
                .sslParameters(parameters)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static SSLContext trustAll() {
        try {
            // BouncyCastle's TLS: the orchestrators' go-shaped certificates have an empty issuer,
            // which the JDK's own TLS cannot parse
            SSLContext context = SSLContext.getInstance(
                    "TLS",
                    new org.bouncycastle.jsse.provider.BouncyCastleJsseProvider(
                            new org.bouncycastle.jce.provider.BouncyCastleProvider()));
            context.init(null, new TrustManager[] {new TrustAllManager()}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Extended, so that the TLS provider leaves every check (host names too) to it. */
    private static final class TrustAllManager extends javax.net.ssl.X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
