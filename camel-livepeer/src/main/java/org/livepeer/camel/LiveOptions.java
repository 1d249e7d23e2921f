package org.livepeer.camel;

import java.util.Locale;
import org.livepeer.gateway.ConfigurationException;
import org.livepeer.trickle.LagPolicy;
import org.livepeer.trickle.TrickleSubscriber;

/** Reads the live endpoint options that map onto trickle settings, naming the option on bad input. */
final class LiveOptions {

    private LiveOptions() {}

    /** {@code live} (-1), {@code current} (-2) or a seq number. */
    static long subscribeStart(String value) {
        String text = value == null ? "live" : value.trim().toLowerCase(Locale.ROOT);
        switch (text) {
            case "live", "-1":
                return TrickleSubscriber.LIVE;
            case "current", "-2":
                return TrickleSubscriber.CURRENT;
            default:
                try {
                    long seq = Long.parseLong(text);
                    if (seq >= 0) {
                        return seq;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new ConfigurationException(
                        "subscribeStart", "must be live, current or a seq number >= 0, was '" + value + "'");
        }
    }

    /** {@code deliverAll} or {@code skipToLatest}. */
    static LagPolicy lagPolicy(String value) {
        if ("deliverAll".equals(value)) {
            return LagPolicy.DELIVER_ALL;
        }
        if ("skipToLatest".equals(value)) {
            return LagPolicy.SKIP_TO_LATEST;
        }
        throw new ConfigurationException("lagPolicy", "must be deliverAll or skipToLatest, was '" + value + "'");
    }
}
