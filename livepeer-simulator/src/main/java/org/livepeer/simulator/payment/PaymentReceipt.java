package org.livepeer.simulator.payment;

import org.livepeer.simulator.eth.EthAccount;

/**
 * What a payment was worth to its recipient.
 *
 * @param sender   the 20-byte address of the payer
 * @param tickets  how many tickets were accepted
 * @param credited their total expected value, in wei
 */
public record PaymentReceipt(byte[] sender, int tickets, BigRational credited) {

    public PaymentReceipt {
        sender = sender.clone();
    }

    @Override
    public byte[] sender() {
        return sender.clone();
    }

    /** The sender's EIP-55 address. */
    public String senderHex() {
        return EthAccount.checksumAddress(sender);
    }

    @Override
    public String toString() {
        return "PaymentReceipt[sender=" + senderHex() + ", tickets=" + tickets + ", credited=" + credited + "]";
    }
}
