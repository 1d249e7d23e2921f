package org.livepeer.simulator.orchestrator;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.livepeer.proto.PriceInfo;
import org.livepeer.simulator.payment.BigRational;

/**
 * Credit per sender and manifest id, as go-livepeer orchestrators keep it: tickets credit their
 * expected value, work debits units at the price fixed by the session's first payment.
 */
public final class Balances {

    private record Key(String sender, String manifestId) {}

    private static final class Account {
        BigRational balance = BigRational.ZERO;
        BigRational fixedPrice;
        BigRational totalCredited = BigRational.ZERO;
        BigRational totalDebited = BigRational.ZERO;
    }

    private final Map<Key, Account> accounts = new ConcurrentHashMap<>();

    public static String senderKey(byte[] sender) {
        return "0x" + HexFormat.of().formatHex(sender);
    }

    void credit(String sender, String manifestId, BigRational amount) {
        Account account = account(sender, manifestId);
        synchronized (account) {
            account.balance = account.balance.add(amount);
            account.totalCredited = account.totalCredited.add(amount);
        }
    }

    /** The first price a session pays with sticks, as in go-livepeer. */
    void fixPriceIfAbsent(String sender, String manifestId, PriceInfo price) {
        Account account = account(sender, manifestId);
        synchronized (account) {
            if (account.fixedPrice == null && price.getPixelsPerUnit() > 0) {
                account.fixedPrice = BigRational.of(price.getPricePerUnit(), price.getPixelsPerUnit());
            }
        }
    }

    /** Debits {@code units} at {@code price} and returns the fee. */
    BigRational debit(String sender, String manifestId, PriceInfo price, long units) {
        if (price == null || price.getPixelsPerUnit() <= 0 || price.getPricePerUnit() == 0) {
            return BigRational.ZERO;
        }
        BigRational fee = BigRational.of(price.getPricePerUnit(), price.getPixelsPerUnit())
                .multiply(units);
        Account account = account(sender, manifestId);
        synchronized (account) {
            account.balance = account.balance.subtract(fee);
            account.totalDebited = account.totalDebited.add(fee);
        }
        return fee;
    }

    /**
     * One line of the ledger: what a sender's tickets credited to a manifest id (their expected
     * value: face value × win probability), what work debited (price × units), and the balance.
     */
    public record Entry(
            String sender, String manifestId, BigRational credited, BigRational debited, BigRational balance) {}

    /** Every account, for tests and reports. */
    public java.util.List<Entry> entries() {
        java.util.List<Entry> entries = new java.util.ArrayList<>();
        for (Map.Entry<Key, Account> e : accounts.entrySet()) {
            Account account = e.getValue();
            synchronized (account) {
                entries.add(new Entry(
                        e.getKey().sender(),
                        e.getKey().manifestId(),
                        account.totalCredited,
                        account.totalDebited,
                        account.balance));
            }
        }
        return entries;
    }

    /** Everything debited by this orchestrator, over all senders and sessions. */
    public BigRational totalDebited() {
        BigRational total = BigRational.ZERO;
        for (Account account : accounts.values()) {
            synchronized (account) {
                total = total.add(account.totalDebited);
            }
        }
        return total;
    }

    /** Zero for an unknown account. */
    public BigRational balance(String sender, String manifestId) {
        Account account = accounts.get(new Key(sender, manifestId));
        if (account == null) {
            return BigRational.ZERO;
        }
        synchronized (account) {
            return account.balance;
        }
    }

    /** Everything ever credited to {@code manifestId}, over all senders. */
    public BigRational totalCredited(String manifestId) {
        return sum(manifestId, true);
    }

    public BigRational totalDebited(String manifestId) {
        return sum(manifestId, false);
    }

    /** Everything credited to this orchestrator, over all senders and sessions. */
    public BigRational totalCredited() {
        BigRational total = BigRational.ZERO;
        for (Account account : accounts.values()) {
            synchronized (account) {
                total = total.add(account.totalCredited);
            }
        }
        return total;
    }

    void clear() {
        accounts.clear();
    }

    private BigRational sum(String manifestId, boolean credited) {
        BigRational total = BigRational.ZERO;
        for (Map.Entry<Key, Account> entry : accounts.entrySet()) {
            if (entry.getKey().manifestId().equals(manifestId)) {
                Account account = entry.getValue();
                synchronized (account) {
                    total = total.add(credited ? account.totalCredited : account.totalDebited);
                }
            }
        }
        return total;
    }

    private Account account(String sender, String manifestId) {
        return accounts.computeIfAbsent(new Key(sender, manifestId), k -> new Account());
    }
}
