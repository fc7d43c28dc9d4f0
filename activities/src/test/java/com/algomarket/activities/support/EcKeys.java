package com.algomarket.activities.support;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;

/** P-256 keys as Coinbase's CDP hands them out, for the tests that sign as a Coinbase key. */
public final class EcKeys {

    private EcKeys() {}

    public static KeyPair p256KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key as CDP hands it out: SEC1 ECPrivateKey { 1, d, [0] prime256v1, [1] public point } in an
     * "EC PRIVATE KEY" PEM.
     */
    public static String sec1Pem(KeyPair keyPair) {
        byte[] d = unsigned32(((ECPrivateKey) keyPair.getPrivate()).getS());
        ECPublicKey publicKey = (ECPublicKey) keyPair.getPublic();
        ByteArrayOutputStream point = new ByteArrayOutputStream();
        point.writeBytes(new byte[] {0x00, 0x04});
        point.writeBytes(unsigned32(publicKey.getW().getAffineX()));
        point.writeBytes(unsigned32(publicKey.getW().getAffineY()));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x01, 0x04, 0x20});
        content.writeBytes(d);
        content.writeBytes(HexFormat.of().parseHex("a00a06082a8648ce3d030107"));
        content.writeBytes(new byte[] {(byte) 0xa1, 0x44, 0x03, 0x42});
        content.writeBytes(point.toByteArray());
        ByteArrayOutputStream sec1 = new ByteArrayOutputStream();
        sec1.write(0x30);
        sec1.write(content.size());
        sec1.writeBytes(content.toByteArray());
        return "-----BEGIN EC PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(sec1.toByteArray())
                + "\n-----END EC PRIVATE KEY-----\n";
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }
}
