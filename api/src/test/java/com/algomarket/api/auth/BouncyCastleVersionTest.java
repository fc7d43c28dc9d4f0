package com.algomarket.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * Passwords are hashed with Bouncy Castle's Argon2id, and XChange's Binance module brings Bouncy Castle's PKIX and
 * utility jars along: every Bouncy Castle jar on the app's classpath is at one version, and that version is past the
 * published advisories (those against bcprov 1.82 were fixed in 1.84, those against 1.84's bcprov, bcpkix and bcutil in
 * 1.85). The pom manages all three at {@code bouncycastle.version}; a dependency that brought an older one back fails
 * here.
 */
class BouncyCastleVersionTest {

    /** The first release without a published advisory against bcprov, bcpkix or bcutil. */
    private static final String FIRST_WITHOUT_ADVISORY = "1.85";

    @Test
    void givenTheAppsClasspath_whenBouncyCastleJarsAreListed_thenAllAtOneVersionPastTheAdvisories() throws IOException {
        Map<String, String> versions = bouncyCastleJars();

        assertThat(versions).containsKeys("bcprov", "bcpkix", "bcutil");
        assertThat(versions.values()).as("versions of %s", versions).containsOnly(versions.get("bcprov"));
        assertThat(compare(versions.get("bcprov"), FIRST_WITHOUT_ADVISORY))
                .as("bcprov %s is at least %s", versions.get("bcprov"), FIRST_WITHOUT_ADVISORY)
                .isNotNegative();
    }

    /** Each Bouncy Castle jar's OSGi name ({@code bcprov}, {@code bcpkix}, ...) and version, from its manifest. */
    private static Map<String, String> bouncyCastleJars() throws IOException {
        Map<String, String> versions = new TreeMap<>();
        for (URL url :
                Collections.list(BouncyCastleVersionTest.class.getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
            if (!url.toString().contains("bouncycastle")) {
                continue;
            }
            try (InputStream in = url.openStream()) {
                var attributes = new Manifest(in).getMainAttributes();
                String name = attributes.getValue("Bundle-SymbolicName");
                if (name != null && name.startsWith("bc")) {
                    versions.put(name, attributes.getValue("Bundle-Version"));
                }
            }
        }
        return versions;
    }

    /** Compares dotted versions number by number: 1.87 is after 1.85, 1.80.2 before it. */
    private static int compare(String version, String other) {
        String[] a = version.split("\\.");
        String[] b = other.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int difference = Integer.compare(
                    i < a.length ? Integer.parseInt(a[i]) : 0, i < b.length ? Integer.parseInt(b[i]) : 0);
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }
}
