package com.algomarket.activities.exchange.coinbase;

import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The bearer token of a Coinbase CDP API key: a JWT signed with ES256 (ECDSA over P-256 with SHA-256) that names one
 * request in its {@code uri} claim ({@code "GET api.coinbase.com/api/v3/brokerage/accounts"}) and expires two minutes
 * after it was made. A new token per request, so a token seen by anyone is useless for any other request.
 *
 * <p>Built with the JDK alone. The secret CDP hands out is a SEC1 PEM ({@code BEGIN EC PRIVATE KEY}), which the JDK
 * does not read; it reads PKCS#8, so the SEC1 structure is wrapped into a PKCS#8 one by hand.
 *
 * <p>Nothing here puts the secret, the key or a token into an exception message.
 */
final class CoinbaseJwt {

    static final Duration LIFETIME = Duration.ofSeconds(120);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** DER of the PKCS#8 AlgorithmIdentifier {id-ecPublicKey, prime256v1}. */
    private static final byte[] EC_P256_ALGORITHM =
            HexFormat.of().parseHex("301306072a8648ce3d020106082a8648ce3d030107");

    private static final ECParameterSpec P256 = p256();

    private final SecureRandom random = new SecureRandom();

    /** Reads the key's secret: an EC P-256 private key as SEC1 ({@code EC PRIVATE KEY}) or PKCS#8 PEM. */
    static ECPrivateKey privateKey(String pem) {
        // A secret copied out of CDP's JSON key file keeps its line breaks as the two characters \n.
        String text = pem == null ? "" : pem.replace("\\n", "\n");
        byte[] pkcs8;
        if (text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            pkcs8 = pkcs8FromSec1(pemBlock(text, "EC PRIVATE KEY"));
        } else if (text.contains("-----BEGIN PRIVATE KEY-----")) {
            pkcs8 = pemBlock(text, "PRIVATE KEY");
        } else {
            throw unreadableSecret();
        }
        try {
            ECPrivateKey key =
                    (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            if (!key.getParams().getCurve().equals(P256.getCurve())) {
                throw unreadableSecret();
            }
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            // The cause is dropped on purpose: its message could quote key material.
            throw unreadableSecret();
        }
    }

    /** A token for one request; {@code hostAndPath} is e.g. {@code api.coinbase.com/api/v3/brokerage/accounts}. */
    String token(String keyName, ECPrivateKey key, String method, String hostAndPath, Instant now) {
        ObjectNode header = JSON.createObjectNode()
                .put("alg", "ES256")
                .put("kid", keyName)
                .put("nonce", HexFormat.of().formatHex(randomBytes(16)))
                .put("typ", "JWT");
        long issuedAt = now.getEpochSecond();
        ObjectNode claims = JSON.createObjectNode()
                .put("sub", keyName)
                .put("iss", "cdp")
                .put("nbf", issuedAt)
                .put("exp", issuedAt + LIFETIME.toSeconds())
                .put("uri", method + " " + hostAndPath);
        String signingInput = base64url(header.toString()) + "." + base64url(claims.toString());
        try {
            // JWS wants the signature as R||S, 32 bytes each (RFC 7518 section 3.4), not the DER that
            // SHA256withECDSA produces; the P1363 variant of the same algorithm yields exactly R||S.
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key, random);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new ExchangeCallException(
                    ExchangeFailure.AUTH,
                    "COINBASE: could not sign the request with the key ("
                            + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * PKCS#8 PrivateKeyInfo around a SEC1 ECPrivateKey: SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING
     * sec1 } (RFC 5208, RFC 5915 section 3).
     */
    private static byte[] pkcs8FromSec1(byte[] sec1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(EC_P256_ALGORITHM);
        content.writeBytes(der(0x04, sec1));
        return der(0x30, content.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xFF) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] pemBlock(String text, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int start = text.indexOf(begin);
        int stop = text.indexOf(end, start);
        if (stop < 0) {
            throw unreadableSecret();
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(start + begin.length(), stop));
        } catch (IllegalArgumentException e) {
            throw unreadableSecret();
        }
    }

    private static ExchangeCallException unreadableSecret() {
        return new ExchangeCallException(
                ExchangeFailure.AUTH,
                "COINBASE: the key's secret is not an EC P-256 private key in PEM (SEC1 or PKCS#8)");
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK supports P-256", e);
        }
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
