package org.livepeer.simulator.apps;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.livepeer.proto.PriceInfo;
import org.livepeer.simulator.http.HttpCall;
import org.livepeer.simulator.orchestrator.AppPayments;
import org.livepeer.simulator.orchestrator.OrchestratorError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserves runner sessions, free or paid, in go-livepeer's order: the 402 challenge without
 * payment headers, then payment decoding (402/403), manifest and auth token match (403), the fixed
 * price check (400), the slot (409/503), the tickets (400, slot released), and the first debit
 * (fixed) or the per-second billing timer.
 */
final class Reservations {

    static final String INSUFFICIENT_BALANCE = "insufficient balance";
    private static final Logger LOG = LoggerFactory.getLogger(Reservations.class);

    private final SimApps apps;
    private final AppPayments payments;
    private final EventLoopGroup group;

    Reservations(SimApps apps, AppPayments payments, EventLoopGroup group) {
        this.apps = apps;
        this.payments = payments;
        this.group = group;
    }

    /** The price a client pays for {@code runner}, or null when it is free (always offchain). */
    RunnerPrice price(Runner runner) {
        return payments.offchain() ? null : runner.config().price();
    }

    /** Reserves a session, or answers the call (challenge or error) and returns null. */
    AppSession reserve(HttpCall call, Runner runner) {
        RunnerPrice price = price(runner);
        try {
            AppSession session =
                    price == null ? runner.reserve(null, null, null, false) : reservePaid(call, runner, price);
            if (session != null) {
                apps.reserved();
            }
            return session;
        } catch (OrchestratorError e) {
            call.respondText(HttpResponseStatus.valueOf(e.status()), e.getMessage());
            return null;
        }
    }

    private AppSession reservePaid(HttpCall call, Runner runner, RunnerPrice price) throws OrchestratorError {
        if (!PaymentChallenge.hasPayment(call)) {
            String payer = PaymentChallenge.payer(call);
            if (payer != null) {
                var info = payments.runnerChallenge(price.wei());
                String paymentUrl = payments.serviceUrl() + "/apps/" + runner.route() + "/session/"
                        + info.getAuthToken().getSessionId() + "/payment";
                PaymentChallenge.respond(call, info, paymentUrl);
            }
            return null;
        }
        AppPayments.Paid paid = payments.read(call.headers());
        if (!paid.manifestId().equals(paid.authSessionId())) {
            throw new OrchestratorError(403, "mismatched manifest and auth token");
        }
        PriceInfo expected = paid.expectedPrice();
        if (price.isFixed()
                && (!paid.hasExpectedPrice()
                        || expected.getPricePerUnit() != price.wei()
                        || expected.getPixelsPerUnit() != 1)) {
            throw new OrchestratorError(400, "payment price does not match live runner price");
        }
        AppSession session = runner.reserve(paid.manifestId(), paid.sender(), expected, price.isFixed());
        try {
            payments.credit(paid);
        } catch (OrchestratorError e) {
            apps.release(runner, session.id(), "payment refused");
            throw new OrchestratorError(400, e.getMessage());
        }
        if (price.isFixed()) {
            if (!payments.charge(paid.sender(), session.id(), expected, 1)) {
                apps.release(runner, session.id(), INSUFFICIENT_BALANCE);
                throw new OrchestratorError(
                        400,
                        "insufficient balance, mid=" + session.id() + ", fee=" + expected.getPricePerUnit()
                                + ", balance=" + payments.balance(session.id()).toFloatString(0));
            }
        } else {
            startBilling(runner, session);
        }
        session.paymentAccepted();
        LOG.info("live runner session {} on {} paid by {}", session.id(), runner.route(), paid.sender());
        return session;
    }

    /** Every payment interval, debits the seconds since the last debit; releases the session when the balance falls short. */
    private void startBilling(Runner runner, AppSession session) {
        long interval = payments.config().livePaymentInterval().toNanos();
        SecondsBilling billing =
                new SecondsBilling(Clock.systemUTC(), payments.config().liveBillingSpeed());
        session.billing(group.next()
                .scheduleAtFixedRate(
                        () -> {
                            if (session.isClosed()) {
                                return;
                            }
                            long units = billing.unitsDue();
                            if (!payments.charge(session.sender(), session.id(), session.price(), units)) {
                                LOG.info(
                                        "live runner session {}: balance does not cover {} seconds, releasing it",
                                        session.id(),
                                        units);
                                apps.release(runner, session.id(), INSUFFICIENT_BALANCE);
                            }
                        },
                        interval,
                        interval,
                        TimeUnit.NANOSECONDS));
    }
}
