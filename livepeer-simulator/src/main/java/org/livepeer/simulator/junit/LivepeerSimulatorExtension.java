package org.livepeer.simulator.junit;

import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.livepeer.simulator.LivepeerSimulator;

/**
 * A local Livepeer network for JUnit 5 tests. Registered on a {@code static} field it runs once for
 * the test class; on an instance field it starts afresh for every test (for tests that stop
 * orchestrators or change their capacity). Either way it is closed afterwards.
 *
 * <pre>{@code
 * @RegisterExtension
 * static LivepeerSimulatorExtension livepeer = LivepeerSimulatorExtension.create(b -> b.orchestrators(2));
 *
 * // in the test: livepeer.token(), livepeer.signerUrl(), livepeer.orchestrators(), livepeer.simulator()
 * }</pre>
 *
 * With Camel's {@code CamelTestSupport}, register a per-test network with {@code @Order(1)} so that
 * it starts before the Camel context that uses it.
 */
public final class LivepeerSimulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** Property names of {@link #properties()}, for {@code {{livepeer.token}}} style placeholders. */
    public static final String TOKEN_PROPERTY = "livepeer.token";

    public static final String SIGNER_URL_PROPERTY = "livepeer.signerUrl";
    public static final String ORCHESTRATORS_PROPERTY = "livepeer.orchestrators";

    private final UnaryOperator<LivepeerSimulator.Builder> settings;
    private LivepeerSimulator simulator;
    private boolean perClass;

    private LivepeerSimulatorExtension(UnaryOperator<LivepeerSimulator.Builder> settings) {
        this.settings = settings;
    }

    /** One orchestrator and a remote signer, on ephemeral ports. */
    public static LivepeerSimulatorExtension create() {
        return create(UnaryOperator.identity());
    }

    /** A network set up by {@code settings}, e.g. {@code b -> b.orchestrators(3).offchain(true)}. */
    public static LivepeerSimulatorExtension create(UnaryOperator<LivepeerSimulator.Builder> settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        return new LivepeerSimulatorExtension(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (simulator == null) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** The running network, for everything the shortcuts below do not cover. */
    public LivepeerSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException(
                    "the Livepeer simulator is not running: register the extension with @RegisterExtension"
                            + " and use it from a test, @BeforeEach or @BeforeAll method");
        }
        return simulator;
    }

    /** The whole network as a gateway token (the {@code token} option). */
    public String token() {
        return simulator().token();
    }

    /** The remote signer's base URL (the {@code signerUrl} option), or null offchain. */
    public String signerUrl() {
        return simulator().signerUrl();
    }

    /** Every orchestrator's {@code host:port}, comma-separated (the {@code orchestrators} option). */
    public String orchestrators() {
        return String.join(",", orchestratorAddresses());
    }

    public List<String> orchestratorAddresses() {
        return simulator().orchestratorAddresses();
    }

    /**
     * {@value #TOKEN_PROPERTY}, {@value #ORCHESTRATORS_PROPERTY} and (unless offchain)
     * {@value #SIGNER_URL_PROPERTY}, for a properties component that routes read placeholders from.
     */
    public Properties properties() {
        Properties properties = new Properties();
        properties.setProperty(TOKEN_PROPERTY, token());
        properties.setProperty(ORCHESTRATORS_PROPERTY, orchestrators());
        if (signerUrl() != null) {
            properties.setProperty(SIGNER_URL_PROPERTY, signerUrl());
        }
        return properties;
    }

    private void start() {
        simulator = settings.apply(LivepeerSimulator.builder()).start();
    }

    private void stop() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
