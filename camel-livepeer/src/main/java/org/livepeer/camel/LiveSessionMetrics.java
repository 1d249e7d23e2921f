package org.livepeer.camel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.apache.camel.CamelContext;
import org.livepeer.gateway.live.LiveJobStats;

/**
 * Publishes a live session's statistics as Micrometer gauges ({@code livepeer.live.*}, tagged with
 * the session name) when the Camel registry holds a {@link MeterRegistry}. Loaded only when
 * Micrometer is on the class path.
 */
final class LiveSessionMetrics {

    private LiveSessionMetrics() {}

    /** Registers the gauges; the returned handle removes them. Null when there is no registry. */
    static Runnable bind(CamelContext context, String session, Supplier<LiveJobStats> stats) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) {
            return null;
        }
        List<Meter> meters = new ArrayList<>();
        meters.add(gauge(registry, "livepeer.live.segments.in", session, stats, s -> s.segmentsIn()));
        meters.add(gauge(registry, "livepeer.live.segments.out", session, stats, s -> s.segmentsOut()));
        meters.add(gauge(registry, "livepeer.live.bytes.in", session, stats, s -> s.bytesIn()));
        meters.add(gauge(registry, "livepeer.live.payments", session, stats, s -> s.payments()));
        meters.add(gauge(registry, "livepeer.live.paid.wei", session, stats, s -> s.paidWei()
                .doubleValue()));
        meters.add(gauge(registry, "livepeer.live.recoveries", session, stats, s -> s.recoveries()));
        return () -> meters.forEach(registry::remove);
    }

    private static Meter gauge(
            MeterRegistry registry,
            String name,
            String session,
            Supplier<LiveJobStats> stats,
            ToDoubleFunction<LiveJobStats> value) {
        return Gauge.builder(name, stats, s -> value.applyAsDouble(s.get()))
                .tag("session", session)
                .register(registry);
    }
}
