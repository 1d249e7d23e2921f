package org.livepeer.simulator.eth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * An Ethereum account (secp256k1 key) that signs as go-livepeer's accounts do: "personal_sign"
 * (EIP-191 prefix, Keccak-256), 65-byte signatures r||s||v with v in {27, 28}, recoverable to the
 * signer's 20-byte address.
 */
public final class EthAccount {

    private static final X9ECParameters CURVE_PARAMS = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters CURVE = new ECDomainParameters(
            CURVE_PARAMS.getCurve(), CURVE_PARAMS.getG(), CURVE_PARAMS.getN(), CURVE_PARAMS.getH());
    private static final BigInteger HALF_N = CURVE.getN().shiftRight(1);
    private static final FixedPointCombMultiplier GENERATOR_MULTIPLIER = new FixedPointCombMultiplier();

    private final BigInteger privateKey;
    private final byte[] address;

    private EthAccount(BigInteger privateKey) {
        this.privateKey = privateKey;
        this.address = addressOf(publicPoint(privateKey));
    }

    public static EthAccount random() {
        SecureRandom random = new SecureRandom();
        BigInteger key;
        do {
            key = new BigInteger(256, random);
        } while (key.signum() == 0 || key.compareTo(CURVE.getN()) >= 0);
        return new EthAccount(key);
    }

    public static EthAccount fromPrivateKey(BigInteger privateKey) {
        return new EthAccount(privateKey);
    }

    /** The 20-byte address. */
    public byte[] address() {
        return address.clone();
    }

    /** The EIP-55 checksummed address, "0x…". */
    public String addressHex() {
        return checksumAddress(address);
    }

    /**
     * Signs {@code message} the way go-livepeer's {@code Sign} does (EIP-191 personal message):
     * ECDSA with the deterministic nonce of RFC 6979, low s, and the recovery id taken from the
     * nonce point, so a signature costs one multiplication of the generator.
     */
    public byte[] sign(byte[] message) {
        byte[] digest = personalMessageHash(message);
        BigInteger n = CURVE.getN();
        BigInteger e = new BigInteger(1, digest);
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(n, privateKey, digest);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint nonce = GENERATOR_MULTIPLIER.multiply(CURVE.getG(), k).normalize();
            BigInteger x = nonce.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(n);
            if (r.signum() == 0 || x.compareTo(n) >= 0) {
                // r = 0 is invalid; x >= n would need the recovery ids 2 and 3, which Ethereum lacks
                continue;
            }
            BigInteger s =
                    k.modInverse(n).multiply(e.add(privateKey.multiply(r))).mod(n);
            if (s.signum() == 0) {
                continue;
            }
            int recId = nonce.getAffineYCoord().toBigInteger().testBit(0) ? 1 : 0;
            if (s.compareTo(HALF_N) > 0) {
                // the low-s form negates the nonce point, which flips the parity of its y
                s = n.subtract(s);
                recId ^= 1;
            }
            byte[] sig = new byte[65];
            System.arraycopy(toBytes32(r), 0, sig, 0, 32);
            System.arraycopy(toBytes32(s), 0, sig, 32, 32);
            sig[64] = (byte) (27 + recId);
            return sig;
        }
    }

    /** Whether {@code sig} over {@code message} was made by the account with {@code address}. */
    public static boolean verify(byte[] address, byte[] message, byte[] sig) {
        byte[] recovered = recoverAddress(message, sig);
        return recovered != null && Arrays.equals(recovered, address);
    }

    /** The address that signed {@code message}, or null when the signature is malformed. */
    public static byte[] recoverAddress(byte[] message, byte[] sig) {
        if (sig == null || sig.length != 65) {
            return null;
        }
        int v = sig[64] & 0xff;
        int recId = v >= 27 ? v - 27 : v;
        if (recId < 0 || recId > 1) {
            return null;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(CURVE.getN()) >= 0 || s.compareTo(CURVE.getN()) >= 0) {
            return null;
        }
        ECPoint point = recoverPoint(recId, r, s, personalMessageHash(message));
        return point == null ? null : addressOf(point);
    }

    public static String checksumAddress(byte[] address) {
        String hex = HexFormat.of().formatHex(address);
        byte[] hash = Keccak.hash256(hex.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder("0x");
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    private static byte[] personalMessageHash(byte[] message) {
        byte[] prefix = ("\u0019Ethereum Signed Message:\n" + message.length).getBytes(StandardCharsets.US_ASCII);
        return Keccak.hash256(prefix, message);
    }

    private static ECPoint publicPoint(BigInteger privateKey) {
        return GENERATOR_MULTIPLIER.multiply(CURVE.getG(), privateKey).normalize();
    }

    private static byte[] addressOf(ECPoint publicKey) {
        byte[] encoded = publicKey.getEncoded(false);
        byte[] hash = Keccak.hash256(Arrays.copyOfRange(encoded, 1, encoded.length));
        return Arrays.copyOfRange(hash, 12, 32);
    }

    /** SEC 1 v2 section 4.1.6 public key recovery; x = r (the curve order exceeds every r we accept). */
    private static ECPoint recoverPoint(int recId, BigInteger r, BigInteger s, byte[] digest) {
        BigInteger n = CURVE.getN();
        BigInteger prime = CURVE_PARAMS.getCurve().getField().getCharacteristic();
        if (r.compareTo(prime) >= 0) {
            return null;
        }
        byte[] compressed = new byte[33];
        compressed[0] = (byte) (recId == 1 ? 0x03 : 0x02);
        System.arraycopy(toBytes32(r), 0, compressed, 1, 32);
        ECPoint bigR;
        try {
            bigR = CURVE.getCurve().decodePoint(compressed);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // secp256k1's cofactor is 1: every point on the curve has order n, no n·R check needed
        BigInteger e = new BigInteger(1, digest);
        BigInteger rInv = r.modInverse(n);
        BigInteger srInv = rInv.multiply(s).mod(n);
        BigInteger eInvrInv = rInv.multiply(n.subtract(e).mod(n)).mod(n);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), eInvrInv, bigR, srInv);
        return q.isInfinity() ? null : q.normalize();
    }

    private static byte[] toBytes32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
