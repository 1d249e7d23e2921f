package org.livepeer.simulator;

import java.util.concurrent.CountDownLatch;
import org.livepeer.simulator.apps.RunnerConfig;
import org.livepeer.simulator.apps.RunnerMode;
import org.livepeer.simulator.apps.RunnerPrice;

/**
 * The standalone simulator: starts a network, prints one JSON line describing it on stdout, logs
 * to stderr, and runs until the process is stopped.
 */
public final class SimulatorMain {

    private SimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("livepeer-simulator: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(SimulatorOptions.USAGE);
            return;
        }
        LivepeerSimulator simulator = start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            simulator.close();
                            stopped.countDown();
                        },
                        "livepeer-simulator-shutdown"));
        System.out.println(simulator.describe().toString());
        System.out.flush();
        stopped.await();
    }

    static LivepeerSimulator start(SimulatorOptions options) {
        LivepeerSimulator.Builder builder = LivepeerSimulator.builder()
                .host(options.host)
                .orchestrators(options.orchestrators)
                .offchain(options.offchain)
                .signerHeaders(options.signerHeaders)
                .discoveryHeaders(options.discoveryHeaders)
                .trickleCompatibility(options.trickleCompatibility)
                .trickleAutoCreate(options.trickleAutoCreate)
                .orchestratorDefaults(b -> {
                    b.defaultPrice(options.price)
                            .defaultCapacity(options.capacity)
                            .ticketParamsLifetime(options.ticketLifetime)
                            .liveBillingSpeed(options.liveBillingSpeed);
                    if (options.plainHttp) {
                        b.plainHttp();
                    }
                    return b;
                });
        if (options.runners) {
            builder.runners(
                    RunnerConfig.builder("echo")
                            .app("echo/v1")
                            .capacity(options.capacity)
                            .price(RunnerPrice.perSecond(options.price))
                            .build(),
                    RunnerConfig.builder("echo-once")
                            .app("echo/once")
                            .mode(RunnerMode.SINGLE_SHOT)
                            .capacity(options.capacity)
                            .price(RunnerPrice.fixed(options.price))
                            .build());
        }
        if (options.port > 0) {
            builder.signerPort(options.port).discoveryPort(options.port + 1).firstOrchestratorPort(options.port + 2);
        }
        return builder.start();
    }
}
