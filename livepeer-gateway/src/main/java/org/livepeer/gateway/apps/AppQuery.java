package org.livepeer.gateway.apps;

import java.math.BigDecimal;
import org.livepeer.gateway.ConfigurationException;

/**
 * Which runners may serve: the app name (e.g. {@code echo/v1}), optionally an exact version, a price
 * ceiling in wei per the runner's unit (second, call or 720p pixel-second; null for none) and a
 * mode (null for either).
 */
public record AppQuery(String app, String version, BigDecimal maxPrice, RunnerMode mode) {

    public AppQuery {
        if (app == null || app.isBlank()) {
            throw new ConfigurationException("app", "the app name must not be empty");
        }
        app = app.trim();
        version = version == null || version.isBlank() ? null : version.trim();
        if (maxPrice != null && maxPrice.signum() <= 0) {
            throw new ConfigurationException("maxPrice", "must be positive, was " + maxPrice.toPlainString());
        }
    }

    public static AppQuery of(String app) {
        return new AppQuery(app, null, null, null);
    }

    public AppQuery withVersion(String value) {
        return new AppQuery(app, value, maxPrice, mode);
    }

    /** The most this query pays, in wei per the runner's price unit. */
    public AppQuery withMaxPrice(BigDecimal value) {
        return new AppQuery(app, version, value, mode);
    }

    public AppQuery withMode(RunnerMode value) {
        return new AppQuery(app, version, maxPrice, value);
    }

    /** Whether {@code runner} serves this app, version and mode (the price is checked separately). */
    public boolean matches(AppRunner runner) {
        return app.equals(runner.app())
                && (version == null || version.equals(runner.version()))
                && (mode == null || mode == runner.mode());
    }

    /** Whether {@code runner}'s price is above the ceiling. */
    public boolean tooExpensive(AppRunner runner) {
        return maxPrice != null
                && runner.price() != null
                && runner.price().price().compareTo(maxPrice) > 0;
    }

    /** {@code app 'echo/v1'} with the version when one is asked for. */
    public String describe() {
        return "app '" + app + "'" + (version == null ? "" : " version '" + version + "'");
    }
}
