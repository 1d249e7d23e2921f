package org.livepeer.simulator.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A freshly generated self-signed certificate: every start (and every simulated restart) makes a
 * new key pair, so clients that pin certificates notice.
 *
 * <p>{@link #goShaped} makes what go-livepeer orchestrators present ({@code server/cert.go}
 * {@code genCert}): no subject and so an empty issuer DN, which the JDK's X.509 parser refuses.
 * The certificate object is therefore BouncyCastle's, and {@link #encoded()} gives the DER bytes.
 */
public final class SelfSignedCertificate {

    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final boolean goShaped;

    private SelfSignedCertificate(PrivateKey privateKey, X509Certificate certificate, boolean goShaped) {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.goShaped = goShaped;
    }

    /**
     * A certificate shaped like go-livepeer's {@code genCert}: ECDSA P-256, empty subject and
     * issuer, a CA (key usage certificate signing and digital signature, critical basic
     * constraints), server-auth extended key usage, exactly one DNS name ({@code host}, even when
     * it is an IP address, as go writes it), valid for one year.
     */
    public static SelfSignedCertificate goShaped(String host) {
        try {
            KeyPair keyPair = newKeyPair();
            Instant now = Instant.now();
            X500Name empty = new X500Name(new org.bouncycastle.asn1.x500.RDN[0]);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    empty,
                    new BigInteger(128, new SecureRandom()),
                    Date.from(now),
                    Date.from(now.plus(Duration.ofDays(365))),
                    empty,
                    keyPair.getPublic());
            builder.addExtension(
                    Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));
            // with no subject, the names extension must be critical (RFC 5280 4.2.1.6), as go marks it
            builder.addExtension(
                    Extension.subjectAlternativeName,
                    true,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
            return new SelfSignedCertificate(keyPair.getPrivate(), sign(builder, keyPair), true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a go-shaped certificate", e);
        }
    }

    /**
     * A conventional certificate (subject {@code CN=livepeer-simulator}) valid for localhost,
     * 127.0.0.1, ::1 and the given names: what a signer or discovery server behind an ordinary TLS
     * setup presents.
     */
    public static SelfSignedCertificate generate(String... extraNames) {
        try {
            KeyPair keyPair = newKeyPair();
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            names.add(new GeneralName(GeneralName.iPAddress, "::1"));
            for (String name : extraNames) {
                names.add(
                        isIpAddress(name)
                                ? new GeneralName(GeneralName.iPAddress, name)
                                : new GeneralName(GeneralName.dNSName, name));
            }

            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=livepeer-simulator");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))),
                    subject,
                    keyPair.getPublic());
            builder.addExtension(
                    Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            return new SelfSignedCertificate(keyPair.getPrivate(), sign(builder, keyPair), false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }

    /**
     * A certificate and key from PEM (the key as SEC 1 {@code EC PRIVATE KEY} or PKCS #8), such as
     * one made by go-livepeer itself; parsed with BouncyCastle, so an empty issuer is fine.
     */
    public static SelfSignedCertificate fromPem(byte[] certificatePem, byte[] privateKeyPem) {
        try (PEMParser certificates = pem(certificatePem);
                PEMParser keys = pem(privateKeyPem)) {
            X509CertificateHolder holder = (X509CertificateHolder) certificates.readObject();
            Object key = keys.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BOUNCY_CASTLE);
            PrivateKey privateKey = key instanceof PEMKeyPair pair
                    ? converter.getKeyPair(pair).getPrivate()
                    : converter.getPrivateKey((PrivateKeyInfo) key);
            X509Certificate certificate =
                    new JcaX509CertificateConverter().setProvider(BOUNCY_CASTLE).getCertificate(holder);
            return new SelfSignedCertificate(
                    privateKey, certificate, holder.getIssuer().getRDNs().length == 0);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a PEM certificate and key", e);
        }
    }

    private static PEMParser pem(byte[] text) {
        return new PEMParser(new java.io.InputStreamReader(
                new java.io.ByteArrayInputStream(text), java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair keyPair) throws Exception {
        X509CertificateHolder holder =
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()));
        // BouncyCastle's certificate class, not the JDK's: the JDK cannot represent an empty issuer
        return new JcaX509CertificateConverter().setProvider(BOUNCY_CASTLE).getCertificate(holder);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The certificate; for a go-shaped one, BouncyCastle's implementation (the JDK cannot parse it). */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The DER encoding, as sent in the TLS handshake. */
    public byte[] encoded() {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether this is shaped like go-livepeer's orchestrator certificate (empty subject and issuer). */
    public boolean isGoShaped() {
        return goShaped;
    }

    /** SHA-256 fingerprint of the DER encoding, lower-case hex; handy in logs and tests. */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isIpAddress(String name) {
        if (!name.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            InetAddress.getByName(name);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
