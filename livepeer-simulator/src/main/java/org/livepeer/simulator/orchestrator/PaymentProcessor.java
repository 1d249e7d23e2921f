package org.livepeer.simulator.orchestrator;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.livepeer.proto.Payment;
import org.livepeer.proto.SegData;
import org.livepeer.simulator.Capability;
import org.livepeer.simulator.http.HttpCall;
import org.livepeer.simulator.payment.BigRational;
import org.livepeer.simulator.payment.PaymentException;
import org.livepeer.simulator.payment.PaymentReceipt;
import org.livepeer.simulator.payment.TicketIssuer;

/**
 * Receives payments as a go-livepeer orchestrator does: decodes {@code Livepeer-Payment} (402 when
 * unreadable), checks the segment credentials in {@code Livepeer-Segment} (403), credits the
 * tickets (400 when refused) and, for batch AI, requires a balance of at least one ticket's value.
 */
final class PaymentProcessor implements OrchestratorServices {

    static final String PAYMENT_HEADER = "Livepeer-Payment";
    static final String SEGMENT_HEADER = "Livepeer-Segment";

    /** A request's decoded payment headers. */
    record PaymentHeaders(Payment payment, SegData segData, String sender) {}

    private final OrchestratorConfig config;
    private final ModelCatalog catalog;
    private final TicketIssuer tickets;
    private final Balances balances;
    private final SegmentCredentials credentials;
    private final java.util.function.Supplier<String> baseUrl;
    private final AtomicLong paymentsAccepted = new AtomicLong();
    private final AtomicLong ticketsAccepted = new AtomicLong();

    PaymentProcessor(
            OrchestratorConfig config,
            ModelCatalog catalog,
            TicketIssuer tickets,
            Balances balances,
            SegmentCredentials credentials,
            java.util.function.Supplier<String> baseUrl) {
        this.config = config;
        this.catalog = catalog;
        this.tickets = tickets;
        this.balances = balances;
        this.credentials = credentials;
        this.baseUrl = baseUrl;
    }

    PaymentHeaders readHeaders(HttpHeaders headers) throws OrchestratorError {
        Payment payment;
        try {
            String header = headers.get(PAYMENT_HEADER, "");
            payment = Payment.parseFrom(Base64.getDecoder().decode(header.trim()));
        } catch (IllegalArgumentException e) {
            throw new OrchestratorError(402, "base64 decode error: " + e.getMessage());
        } catch (InvalidProtocolBufferException e) {
            throw new OrchestratorError(402, "protobuf unmarshal error: " + e.getMessage());
        }
        String sender = Balances.senderKey(padAddress(payment.getSender().toByteArray()));
        SegData segData = credentials.verify(
                headers.get(SEGMENT_HEADER, ""), payment.getSender().toByteArray());
        return new PaymentHeaders(payment, segData, sender);
    }

    /** Credits the tickets to {@code manifestId}; a no-op offchain. */
    void process(PaymentHeaders headers, String manifestId) throws OrchestratorError {
        if (config.offchain()) {
            return;
        }
        Payment payment = headers.payment();
        if (!payment.hasTicketParams()) {
            return;
        }
        if (payment.getSender().isEmpty()) {
            throw new OrchestratorError(400, "Could not find Sender for payment");
        }
        if (!payment.hasExpectedPrice() || payment.getExpectedPrice().getPixelsPerUnit() <= 0) {
            throw new OrchestratorError(400, "invalid expected price sent with payment err=\"expected price is nil\"");
        }
        balances.fixPriceIfAbsent(headers.sender(), manifestId, payment.getExpectedPrice());
        PaymentReceipt receipt;
        try {
            receipt = tickets.receive(payment);
        } catch (PaymentException e) {
            // As in go-livepeer, tickets before the first bad one still count.
            PaymentReceipt accepted = e.accepted();
            if (accepted != null && accepted.tickets() > 0) {
                balances.credit(headers.sender(), manifestId, accepted.credited());
                ticketsAccepted.addAndGet(accepted.tickets());
            }
            throw new OrchestratorError(400, e.getMessage());
        }
        balances.credit(headers.sender(), manifestId, receipt.credited());
        paymentsAccepted.incrementAndGet();
        ticketsAccepted.addAndGet(receipt.tickets());
    }

    /** go-livepeer's SufficientBalance: at least one ticket's expected value (always true offchain). */
    boolean sufficientBalance(String sender, String manifestId) {
        if (config.offchain()) {
            return true;
        }
        return balances.balance(sender, manifestId).compareTo(ticketValue()) >= 0;
    }

    BigRational ticketValue() {
        return tickets.ev();
    }

    @Override
    public PaidRequest acceptPayment(HttpCall call, Capability capability, String modelId) throws OrchestratorError {
        PaymentHeaders headers = readHeaders(call.headers());
        String manifestId = capability.id() + "_" + modelId;
        process(headers, manifestId);
        boolean priced = headers.payment().getExpectedPrice().getPricePerUnit() > 0;
        if (priced && !sufficientBalance(headers.sender(), manifestId)) {
            throw new OrchestratorError(400, "Insufficient balance");
        }
        return new PaidRequest() {
            @Override
            public void debit(long units) {
                if (!config.offchain()) {
                    balances.debit(
                            headers.sender(), manifestId, headers.payment().getExpectedPrice(), units);
                }
            }

            @Override
            public String balance() {
                return balances.balance(headers.sender(), manifestId).toRatString();
            }
        };
    }

    @Override
    public CapacitySlot reserveCapacity(Capability capability, String modelId) throws OrchestratorError {
        if (!catalog.tryAcquire(capability, modelId)) {
            throw new OrchestratorError(503, "insufficient capacity");
        }
        return () -> catalog.release(capability, modelId);
    }

    @Override
    public String baseUrl() {
        return baseUrl.get();
    }

    long paymentsAccepted() {
        return paymentsAccepted.get();
    }

    long ticketsAccepted() {
        return ticketsAccepted.get();
    }

    static byte[] padAddress(byte[] address) {
        byte[] out = new byte[20];
        int copy = Math.min(address.length, 20);
        System.arraycopy(address, address.length - copy, out, 20 - copy, copy);
        return out;
    }
}
