package org.livepeer.bench;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CountDownLatch;
import org.livepeer.simulator.http.Router;
import org.livepeer.simulator.http.SimHttpServer;
import org.livepeer.simulator.http.SocketTypes;
import org.livepeer.simulator.trickle.TrickleConfig;
import org.livepeer.simulator.trickle.TrickleServer;

/**
 * The server process of the trickle loop: the simulator's trickle server (plain HTTP, go-livepeer's
 * defaults) and the raw relay, on one two-thread event loop group. Prints
 * {@code <trickle base URL> <raw base URL>} on one line, then runs until stopped. Arguments: the
 * channels to create.
 */
public final class TrickleServerMain {

    static final String PREFIX = "/ai/trickle/";

    private TrickleServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        EventLoopGroup boss = SocketTypes.newGroup(1, "trickle-server-boss");
        EventLoopGroup workers = SocketTypes.newGroup(2, "trickle-server");
        Router router = new Router();
        TrickleServer trickle = new TrickleServer(TrickleConfig.defaults(), workers)
                .mount(router, PREFIX)
                .start();
        for (String channel : args) {
            trickle.createChannel(channel, "video/mp2t");
        }
        SimHttpServer http = new SimHttpServer("127.0.0.1", 0, false, workers, router).start();
        RawRelayServer raw = new RawRelayServer(boss, workers);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            raw.close();
                            trickle.close();
                            http.close();
                            workers.shutdownGracefully();
                            boss.shutdownGracefully();
                            stopped.countDown();
                        },
                        "trickle-server-shutdown"));
        System.out.println(http.baseUrl() + PREFIX + " " + raw.baseUrl());
        System.out.flush();
        stopped.await();
    }
}
