package com.algomarket.api.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;

/**
 * The set-up most ITs share: the whole app on the real servers ({@link RealServers}), a {@link PaperVenue} of the
 * class's own, and payments simulated (no Stripe keys, whatever the environment says), so that a purchase is paid
 * without a payment provider.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RealServers
@PaperVenue(seed = 0)
@TestPropertySource(properties = {"algomarket.stripe.secret-key=", "algomarket.stripe.webhook-secret="})
public @interface RealServersOnPaper {

    /** The venue's seed, as {@link PaperVenue#seed()}. */
    @AliasFor(annotation = PaperVenue.class, attribute = "seed")
    long seed();

    /** More properties for the app under test, as {@link RealServers#properties()}. */
    @AliasFor(annotation = RealServers.class, attribute = "properties")
    String[] properties() default {};
}
