package com.algomarket.api.auth;

import com.algomarket.api.abuse.AbuseProperties;
import com.algomarket.api.abuse.BoundedPasswordEncoder;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    static final String ARGON2 = "argon2";

    /**
     * Argon2id (OWASP's first choice: memory-hard, so GPUs gain little) with Spring Security's current parameters,
     * stored as {@code {argon2}$argon2id$...}. Hashes from before, PBKDF2-HMAC-SHA256 without a prefix, still match,
     * so existing users keep logging in. At most {@code algomarket.abuse.password-hashing.max-concurrent} hashes run
     * at once (see {@link BoundedPasswordEncoder}).
     */
    @Bean
    PasswordEncoder passwordEncoder(AbuseProperties abuse) {
        return new BoundedPasswordEncoder(argon2WithPbkdf2Fallback(), abuse.passwordHashing());
    }

    static PasswordEncoder argon2WithPbkdf2Fallback() {
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(
                ARGON2, Map.of(ARGON2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
        encoder.setDefaultPasswordEncoderForMatches(Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8());
        return encoder;
    }
}
