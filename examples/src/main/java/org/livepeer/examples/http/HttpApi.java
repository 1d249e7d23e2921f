package org.livepeer.examples.http;

import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.livepeer.simulator.LivepeerSimulator;

/**
 * Runs the HTTP API ({@link HttpApiRoutes}) standalone: on the embedded simulator, or on the network
 * that {@code http-api.properties} (or a {@code -D} system property) configures ({@code
 * camel.component.livepeer.*}). Stops on Ctrl-C.
 */
public final class HttpApi implements AutoCloseable {

    static final String PROPERTIES = "http-api.properties";

    private final Main main;
    private final LivepeerSimulator simulator;

    private HttpApi(Main main, LivepeerSimulator simulator) {
        this.main = main;
        this.simulator = simulator;
    }

    public static void main(String[] args) throws Exception {
        try (HttpApi api = create(Map.of())) {
            api.main.run();
        }
    }

    /**
     * The API, not started yet; {@code overrides} win over {@code http-api.properties} (e.g. {@code
     * http-api.port}). Starts the embedded simulator unless the properties name a network.
     */
    public static HttpApi create(Map<String, String> overrides) throws Exception {
        Properties properties = loadProperties();
        // Camel Main lets JVM system properties (-Dhttp-api.port=…) win over the file; so do we
        System.getProperties()
                .stringPropertyNames()
                .forEach(name -> properties.setProperty(name, System.getProperty(name)));
        overrides.forEach(properties::setProperty);
        boolean ownNetwork = properties.stringPropertyNames().stream()
                .anyMatch(name -> name.startsWith("camel.component.livepeer."));
        LivepeerSimulator simulator =
                ownNetwork ? null : LivepeerSimulator.builder().orchestrators(2).start();
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("classpath:" + PROPERTIES);
        main.configure().addRoutesBuilder(new HttpApiRoutes());
        overrides.forEach(main::addOverrideProperty);
        if (simulator != null) {
            System.out.println("Started the embedded Livepeer network: " + simulator.describe());
            main.addOverrideProperty("camel.component.livepeer.token", simulator.token());
        }
        System.out.println("Livepeer HTTP API on http://" + properties.getProperty("http-api.host") + ":"
                + properties.getProperty("http-api.port"));
        return new HttpApi(main, simulator);
    }

    /** Starts the API and returns once it listens. */
    public void start() throws Exception {
        main.start();
    }

    @Override
    public void close() {
        try {
            main.stop();
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    private static Properties loadProperties() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = HttpApi.class.getResourceAsStream("/" + PROPERTIES)) {
            if (in != null) {
                properties.load(in);
            }
        }
        return properties;
    }
}
