package org.livepeer.gateway.payment;

import static org.livepeer.gateway.Failures.unwrap;

import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.livepeer.gateway.PaymentException;
import org.livepeer.gateway.PriceExceededException;
import org.livepeer.gateway.orchestrator.OrchestratorSession;
import org.livepeer.proto.OrchestratorInfo;

/**
 * Pays one orchestrator for batch work, request after request, the way its books work: an
 * orchestrator credits tickets to the sender's balance for the capability and model, requires that
 * balance to hold at least one ticket's expected value when a request arrives, and debits price ×
 * units when the work is done. So credit carries over between requests, and most requests need no
 * new tickets.
 *
 * <p>This class keeps that balance as this gateway sees it: tickets sent (their expected value)
 * minus the fees of requests sent. A request whose fee and the one-ticket minimum the credit covers
 * goes out with headers that carry no tickets and costs no signer call; otherwise one signer call
 * tops the credit up, as go-livepeer's {@code newBalanceUpdate} does: enough tickets to reach the
 * larger of the fee and one ticket's value. The fee of a request is taken from the credit when the
 * request is sent and given back when the orchestrator answered with an error before doing the work.
 * Tickets count only once the request that carried them was answered: an orchestrator checks the
 * balance when a request arrives, and a later request may overtake an earlier one on the way. So
 * concurrent requests may each buy tickets while earlier ones are still on their way; that credit
 * is not lost but carried over, which bounds what is paid ahead to about one ticket per request in
 * flight, whatever the number of requests.
 *
 * <p>The signer keeps a balance of its own in its state, debited only by the requests it is asked
 * about; the difference to this balance is tracked so that each top-up asks for exactly the pixels
 * that make the signer issue the tickets needed. Decisions are taken one at a time, in arrival order,
 * on one signer state chain ({@link PaymentSession}); requests that need no signer call pass through
 * at once. A payment the orchestrator refused starts a new chain with fresh ticket parameters and no
 * assumed credit.
 */
public final class BatchPayments {

    private final OrchestratorSession orchestrator;
    private final Supplier<PaymentSession> chains;
    private final boolean offchain;

    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private PaymentSession chain;
    private long generation;
    private Wei credit = Wei.ZERO;
    private Wei signerLead = Wei.ZERO;
    private Wei floor = Wei.ZERO;
    private long charges;
    private long signerCalls;
    private long tickets;
    private Wei ticketValue = Wei.ZERO;
    private Wei fees = Wei.ZERO;
    private long resets;

    public BatchPayments(OrchestratorSession orchestrator, Supplier<PaymentSession> chains, boolean offchain) {
        this.orchestrator = orchestrator;
        this.chains = chains;
        this.offchain = offchain;
    }

    public OrchestratorSession orchestrator() {
        return orchestrator;
    }

    /** Payment headers for one request of {@code units} pixels (or the pipeline's units). */
    public CompletableFuture<BatchCharge> charge(long units) {
        if (offchain) {
            return currentChain()
                    .headers(units)
                    .thenApply(headers -> new BatchCharge(this, -1, Wei.ZERO, headers, 0, Wei.ZERO, Wei.ZERO));
        }
        return serialized(() -> decide(Math.max(1, units)));
    }

    /** What this orchestrator's batch payments did so far. */
    public synchronized BatchPaymentStats stats() {
        return new BatchPaymentStats(
                charges,
                signerCalls,
                tickets,
                ticketValue.toBigDecimal(),
                fees.toBigDecimal(),
                credit.toBigDecimal(),
                resets);
    }

    private CompletableFuture<BatchCharge> decide(long units) {
        PaymentSession session;
        long gen;
        synchronized (this) {
            session = currentChain();
            gen = generation;
        }
        return session.ticketInfo()
                .thenCompose(info -> chargeOn(session, gen, info, units))
                .exceptionallyCompose(error -> {
                    Throwable cause = unwrap(error);
                    if (!(cause instanceof PriceExceededException)) {
                        // the chain may be unusable (state refused, signer changed): start afresh
                        reset(gen);
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    private CompletableFuture<BatchCharge> chargeOn(
            PaymentSession session, long gen, OrchestratorInfo info, long units) {
        Wei price = TicketValue.pricePerPixel(info);
        Wei fee = price.multiply(units);
        Wei ev = info.hasTicketParams() ? TicketValue.ev(info.getTicketParams()) : Wei.ZERO;
        // the balance must hold a ticket's value when any request arrives, after any other finished
        Wei needed = fee.add(ev);
        long pixels;
        synchronized (this) {
            boolean covered = floor.compareTo(needed) >= 0;
            if (covered && !session.needsSignature()) {
                return CompletableFuture.completedFuture(
                        reserve(gen, fee, session.unticketedHeaders(info), 0, Wei.ZERO));
            }
            Wei billingPrice = session.billingPrice(info);
            if (billingPrice.signum() <= 0 || ev.signum() <= 0) {
                // nothing to steer with: let the signer decide (it refuses a zero price)
                pixels = units;
            } else {
                // covered but the last signed credentials are not current: one ticket renews them
                BigInteger wanted = covered
                        ? BigInteger.ONE
                        : needed.subtract(floor).divide(ev).ceil();
                // ask for pixels whose fee puts the signer's gap half a ticket below that many tickets,
                // so that rounding to whole pixels cannot tip it over to one ticket more or less
                Wei signerBalance = credit.add(signerLead);
                Wei billed =
                        signerBalance.add(ev.multiply(wanted.longValueExact())).subtract(ev.divide(Wei.of(2)));
                BigInteger count = billed.divide(billingPrice).ceil();
                pixels = Math.max(
                        1, count.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue());
            }
            signerCalls++;
        }
        return session.sign(pixels).thenApply(signature -> {
            if (signature == null) {
                // 482: the signer holds the credit covers it; go on without new tickets
                PaymentHeaders headers = session.unticketedHeaders(info);
                if (headers == null) {
                    throw new PaymentException(
                            "the signer issued no tickets for the first payment to " + orchestrator.address(),
                            true,
                            null);
                }
                return reserve(gen, fee, headers, 0, Wei.ZERO);
            }
            synchronized (this) {
                if (gen == generation) {
                    credit = credit.add(signature.value());
                    signerLead = signerLead.subtract(signature.billed());
                }
            }
            return reserve(gen, fee, signature.headers(), signature.tickets(), signature.value());
        });
    }

    private synchronized BatchCharge reserve(long gen, Wei fee, PaymentHeaders headers, int sent, Wei value) {
        charges++;
        tickets += sent;
        ticketValue = ticketValue.add(value);
        fees = fees.add(fee);
        // until it is answered, the request lowers the balance by at most what its tickets do not cover
        Wei risk = fee.subtract(value).max(Wei.ZERO);
        if (gen == generation) {
            credit = credit.subtract(fee);
            signerLead = signerLead.add(fee);
            floor = floor.subtract(risk);
        }
        return new BatchCharge(this, gen, fee, headers, sent, value, risk);
    }

    /**
     * How a charged request ended: whether the orchestrator credited its tickets ({@code value}) and
     * debited its {@code fee}. Until then its tickets count as on their way.
     */
    synchronized void settle(long gen, Wei fee, Wei value, Wei risk, boolean credited, boolean debited) {
        if (!debited) {
            fees = fees.subtract(fee);
        }
        if (gen != generation) {
            return;
        }
        floor = floor.add(risk).add(credited ? value : Wei.ZERO).subtract(debited ? fee : Wei.ZERO);
        if (!credited) {
            credit = credit.subtract(value);
            signerLead = signerLead.add(value);
        }
        if (!debited) {
            credit = credit.add(fee);
            signerLead = signerLead.subtract(fee);
        }
    }

    /** The orchestrator refused the payment: what it holds for us is unknown; start a new chain. */
    synchronized void reset(long gen) {
        if (gen == generation && chain != null) {
            generation++;
            chain = null;
            credit = Wei.ZERO;
            signerLead = Wei.ZERO;
            floor = Wei.ZERO;
            resets++;
        }
    }

    private synchronized PaymentSession currentChain() {
        if (chain == null) {
            chain = chains.get();
        }
        return chain;
    }

    private synchronized <T> CompletableFuture<T> serialized(Supplier<CompletableFuture<T>> next) {
        CompletableFuture<T> result = tail.handle((ignored, error) -> null).thenCompose(ignored -> next.get());
        tail = result;
        return result;
    }
}
