package org.livepeer.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livepeer.simulator.trickle.TrickleCompatibility;

/** Command-line options of the standalone simulator. */
final class SimulatorOptions {

    static final String USAGE = String.join(
            "\n",
            "Usage: java -jar livepeer-simulator-standalone.jar [options]",
            "",
            "Starts a local Livepeer network and prints one JSON line describing it",
            "({\"orchestrators\":[...],\"signer\":...,\"discovery\":...,\"token\":...}), then logs to stderr",
            "until stopped with Ctrl-C.",
            "",
            "Options:",
            "  --orchestrators N        number of orchestrators (default 2)",
            "  --host ADDRESS           address to bind (default 127.0.0.1)",
            "  --port N                 first port: signer N, discovery N+1, orchestrator i gRPC N+2+2i,",
            "                           HTTP N+3+2i (default 0: ephemeral ports)",
            "  --price WEI              price per unit (pixel) of every pipeline (default 1)",
            "  --capacity N             concurrent requests per pipeline and model (default 4)",
            "  --offchain               no signer, no payments; requests need only the auth token",
            "  --plain-http             orchestrators serve their transcoder URL over HTTP, not HTTPS",
            "  --signer-header 'N: V'   a header the signer requires (repeatable); 401/403 otherwise",
            "  --discovery-header 'N: V'  a header the discovery endpoint requires (repeatable)",
            "  --ticket-lifetime SECS   how long ticket parameters stay valid (default 600)",
            "  --live-billing-speed X   simulated seconds of live video billed per second (default 1)",
            "  --trickle-compat MODE    trickle server of go-livepeer: current (v0.8.11 and later, default) or",
            "                           v0.8.10 (v0.8.10 and older: no GET <channel>/next)",
            "  --trickle-autocreate     a publisher's first POST creates a missing trickle channel",
            "  --runners                every orchestrator proxies two embedded echo apps: runner 'echo'",
            "                           (persistent, --price wei per second) and 'echo-once' (single-shot,",
            "                           --price wei per request); free with --offchain",
            "  --help                   this text");

    int orchestrators = 2;
    String host = "127.0.0.1";
    int port;
    long price = 1;
    int capacity = 4;
    boolean offchain;
    boolean plainHttp;
    final Map<String, String> signerHeaders = new LinkedHashMap<>();
    final Map<String, String> discoveryHeaders = new LinkedHashMap<>();
    Duration ticketLifetime = Duration.ofMinutes(10);
    double liveBillingSpeed = 1.0;
    TrickleCompatibility trickleCompatibility = TrickleCompatibility.CURRENT;
    boolean trickleAutoCreate;
    boolean runners;
    boolean help;

    static SimulatorOptions parse(String[] args) {
        SimulatorOptions options = new SimulatorOptions();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            switch (option) {
                case "--orchestrators" -> options.orchestrators = intValue(option, rest, 0);
                case "--host" -> options.host = value(option, rest);
                case "--port" -> options.port = intValue(option, rest, 0);
                case "--price" -> options.price = longValue(option, rest);
                case "--capacity" -> options.capacity = intValue(option, rest, 0);
                case "--offchain" -> options.offchain = true;
                case "--plain-http" -> options.plainHttp = true;
                case "--signer-header" -> header(option, value(option, rest), options.signerHeaders);
                case "--discovery-header" -> header(option, value(option, rest), options.discoveryHeaders);
                case "--ticket-lifetime" -> options.ticketLifetime = Duration.ofSeconds(intValue(option, rest, 1));
                case "--live-billing-speed" -> options.liveBillingSpeed = doubleValue(option, rest);
                case "--trickle-compat" -> options.trickleCompatibility = compatibility(option, value(option, rest));
                case "--trickle-autocreate" -> options.trickleAutoCreate = true;
                case "--runners" -> options.runners = true;
                case "--help", "-h" -> options.help = true;
                default -> throw new IllegalArgumentException("unknown option " + option + " (see --help)");
            }
        }
        if (options.port > 0 && options.port + 3 + 2 * options.orchestrators > 65535) {
            throw new IllegalArgumentException("--port " + options.port + " leaves no room for " + options.orchestrators
                    + " orchestrators below 65536");
        }
        return options;
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }

    private static int intValue(String option, List<String> rest, int min) {
        String text = value(option, rest);
        try {
            int value = Integer.parseInt(text);
            if (value < min) {
                throw new IllegalArgumentException(option + " must be at least " + min + ", was " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + text + "'");
        }
    }

    private static long longValue(String option, List<String> rest) {
        String text = value(option, rest);
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new IllegalArgumentException(option + " must not be negative, was " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + text + "'");
        }
    }

    private static double doubleValue(String option, List<String> rest) {
        String text = value(option, rest);
        try {
            double value = Double.parseDouble(text);
            if (!(value > 0)) {
                throw new IllegalArgumentException(option + " must be positive, was " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was '" + text + "'");
        }
    }

    private static TrickleCompatibility compatibility(String option, String text) {
        try {
            return TrickleCompatibility.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    /** "Name: value"; the value is a secret, so it never appears in error messages. */
    private static void header(String option, String text, Map<String, String> into) {
        int colon = text.indexOf(':');
        if (colon <= 0 || text.substring(colon + 1).isBlank()) {
            throw new IllegalArgumentException(option + " must look like 'Name: value'");
        }
        into.put(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
    }
}
