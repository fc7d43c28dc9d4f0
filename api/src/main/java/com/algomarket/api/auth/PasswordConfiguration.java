package com.algomarket.api.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    // PBKDF2-HMAC-SHA256 with 310,000 iterations (OWASP's figure): no extra library, and unlike BCrypt no silent
    // 72-byte limit on the password.
    @Bean
    PasswordEncoder passwordEncoder() {
        return Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }
}
