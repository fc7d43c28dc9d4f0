package com.algomarket.api.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.annotation.DirtiesContext;

/**
 * An IT of the whole app on a random port against the real PostgreSQL and Temporal (DATABASE_URL,
 * TEMPORAL_ADDRESS): a missing variable fails the class before Spring starts, it never skips. Tests may autowire a
 * {@link TestUsers} that registers, verifies and logs in users through the app's REST API and its outbox.
 *
 * <p>The context is closed after the class: a cached app would keep polling the shared Temporal task queues and run
 * activities (and send emails) meant for the next test class.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealServersExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface RealServers {

    /** Properties for the app under test, in {@code key=value} form, as {@link SpringBootTest#properties()}. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
