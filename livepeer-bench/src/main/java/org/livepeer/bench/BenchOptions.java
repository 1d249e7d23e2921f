package org.livepeer.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Command-line options of {@link BenchMain}. */
final class BenchOptions {

    static final Set<String> PARTS = Set.of("micro", "trickle", "sessions", "batch", "selection");

    static final String USAGE = String.join(
            "\n",
            "Usage: BenchMain [options]",
            "  --smoke              tiny sizes, a few seconds per part: checks that everything runs",
            "  --only P[,P...]      parts to run: micro, trickle, sessions, batch, selection (default all)",
            "  --sessions N         live sessions (default 1000)",
            "  --session-seconds S  how long the sessions part measures (default 30)",
            "  --session-settle S   how long the sessions run before that, e.g. for the JIT (default 60)",
            "  --session-start-rate N  sessions started per second, each publishing from its start (default 20)",
            "  --session-warmup S   the first 100 sessions run alone for S seconds before the others start,",
            "                       so both JVMs have compiled their hot paths (default 30)",
            "  --segment-bytes B    bytes of each live input segment (default 16384)",
            "  --rounds N           rounds of the trickle loop (default 3)",
            "  --warmup-seconds S   unreported 1 MiB trickle loops first, until S seconds have passed,",
            "                       so the JIT has compiled the per-chunk paths (default 30)",
            "  --warmup-rounds N    then unreported trickle loop rounds (default 1)",
            "  --batch-requests N   requests per batch measurement (default 400)",
            "  --trickle-server URL run the trickle loop against this trickle server's base URL instead",
            "                       of the simulator's (channels are created with POST <URL><channel>)",
            "  --nio                the harness's transports use the JDK's NIO instead of native epoll",
            "  --logs DIR           where child processes log (default target/bench-logs)");

    boolean smoke;
    /** The harness's own transports run on NIO even where native epoll is available. */
    boolean nio;

    final Set<String> parts = new LinkedHashSet<>(List.of("micro", "trickle", "sessions", "batch", "selection"));
    int sessions = 1000;
    int sessionSeconds = 30;
    int sessionSettleSeconds = 60;
    int sessionStartRate = 20;
    int sessionWarmupSeconds = 30;
    int segmentBytes = 16 * 1024;
    int trickleRounds = 3;
    int trickleWarmupSeconds = 30;
    int trickleWarmupRounds = 1;
    int throughputWarmup = 100;
    int throughputSegments = 300;
    int latencySegments = 250;
    int batchRequests = 400;
    Path logDir = Path.of("target", "bench-logs");
    /** Base URL of an external trickle server (e.g. go-livepeer's), or null for the simulator's. */
    String trickleServer;

    static BenchOptions parse(String... args) {
        BenchOptions options = new BenchOptions();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            switch (option) {
                case "--smoke" -> options.smoke = true;
                case "--nio" -> options.nio = true;
                case "--only" -> {
                    options.parts.clear();
                    for (String part : value(option, rest).split(",")) {
                        if (!PARTS.contains(part.trim())) {
                            throw new IllegalArgumentException("--only: unknown part '" + part + "', one of " + PARTS);
                        }
                        options.parts.add(part.trim());
                    }
                }
                case "--sessions" -> options.sessions = positive(option, rest);
                case "--session-seconds" -> options.sessionSeconds = positive(option, rest);
                case "--session-settle" -> options.sessionSettleSeconds = notNegative(option, rest);
                case "--session-start-rate" -> options.sessionStartRate = positive(option, rest);
                case "--session-warmup" -> options.sessionWarmupSeconds = notNegative(option, rest);
                case "--segment-bytes" -> options.segmentBytes = positive(option, rest);
                case "--rounds" -> options.trickleRounds = positive(option, rest);
                case "--warmup-seconds" -> options.trickleWarmupSeconds = notNegative(option, rest);
                case "--warmup-rounds" -> options.trickleWarmupRounds = notNegative(option, rest);
                case "--batch-requests" -> options.batchRequests = positive(option, rest);
                case "--logs" -> options.logDir = Path.of(value(option, rest));
                case "--trickle-server" -> options.trickleServer = baseUrl(option, value(option, rest));
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        return options;
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }

    private static String baseUrl(String option, String text) {
        if (!text.startsWith("http://") && !text.startsWith("https://")) {
            throw new IllegalArgumentException(option + " must be an http(s) URL, was '" + text + "'");
        }
        return text.endsWith("/") ? text : text + "/";
    }

    private static int notNegative(String option, List<String> rest) {
        String text = value(option, rest);
        try {
            int value = Integer.parseInt(text);
            if (value < 0) {
                throw new IllegalArgumentException(option + " must not be negative, was " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + text + "'");
        }
    }

    private static int positive(String option, List<String> rest) {
        String text = value(option, rest);
        try {
            int value = Integer.parseInt(text);
            if (value < 1) {
                throw new IllegalArgumentException(option + " must be at least 1, was " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + text + "'");
        }
    }
}
