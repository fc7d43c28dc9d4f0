package com.algomarket.api;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The app: REST API and Temporal workers, by role. Beans of the db and activities modules are found by scanning. */
@SpringBootApplication(scanBasePackages = "com.algomarket")
public class AlgoMarketApplication {

    public static void main(String[] args) {
        SpringApplication.run(AlgoMarketApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
