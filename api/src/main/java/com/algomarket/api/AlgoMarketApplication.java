package com.algomarket.api;

import com.algomarket.activities.exchange.transport.SinglePostTransport;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The app: REST API and Temporal workers, by role. Beans of the db and activities modules are found by scanning. */
@SpringBootApplication(scanBasePackages = "com.algomarket")
public class AlgoMarketApplication {

    public static void main(String[] args) {
        SinglePostTransport.ensure(); // before any HTTP client exists: see its comment
        SpringApplication.run(AlgoMarketApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
