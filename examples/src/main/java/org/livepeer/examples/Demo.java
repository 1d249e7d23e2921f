package org.livepeer.examples;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.livepeer.simulator.LivepeerSimulator;
import org.livepeer.simulator.apps.RunnerConfig;
import org.livepeer.simulator.apps.RunnerPrice;

/**
 * The demo: runs the YAML routes of {@code src/main/resources/routes} against the embedded
 * simulator (or, when {@code application.properties} names a network, against that network),
 * logs what happens, and stops once the routes have been idle for a few seconds.
 */
public final class Demo {

    /** The options that name a network; with none of them set, the demo starts its own. */
    private static final java.util.List<String> NETWORK_OPTIONS =
            java.util.List.of("token", "signerurl", "orchestrators", "discoveryurl");

    private Demo() {}

    public static void main(String[] args) throws Exception {
        run(Path.of(args.length > 0 ? args[0] : "target/demo-output"));
    }

    /** Runs the demo, writing outputs under {@code output}; returns when it has finished. */
    public static void run(Path output) throws Exception {
        boolean ownNetwork = configuresNetwork();
        LivepeerSimulator simulator = ownNetwork
                ? null
                : LivepeerSimulator.builder()
                        .orchestrators(2)
                        // the Live Runner app that routes/live-runner-app.yaml calls
                        .runners(RunnerConfig.builder("echo")
                                .app("echo/v1")
                                .capacity(2)
                                .price(RunnerPrice.perSecond(1000))
                                .build())
                        .start();
        try {
            Main main = new Main();
            main.addOverrideProperty("demo.output", output.toAbsolutePath().toString());
            if (simulator != null) {
                System.out.println("Started the embedded Livepeer network: "
                        + simulator.describe().toString());
                main.addOverrideProperty("camel.component.livepeer.token", simulator.token());
            }
            main.run();
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
        System.out.println("Demo finished; outputs are in " + output.toAbsolutePath());
    }

    private static boolean configuresNetwork() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Demo.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return properties.stringPropertyNames().stream().anyMatch(name -> name.startsWith("camel.component.livepeer."));
    }
}
