package com.algomarket.api.support;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Starts the {@link PaperVenue} of a test class with its app, points the app's PAPER exchange at it, and stops it
 * when the app closes; the venue and a {@link PaperSubscribers} on it become beans the test can autowire.
 */
public final class PaperVenueContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        PaperVenue venue = TestContextAnnotationUtils.findMergedAnnotation(testClass, PaperVenue.class);
        return venue == null ? null : new StartVenue(venue.seed(), venue.weightPerMinute());
    }

    private record StartVenue(long seed, int weightPerMinute) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            PaperVenue.Venue venue = PaperVenue.Venue.start(seed, weightPerMinute);
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "paperVenue",
                            Map.of(
                                    "algomarket.exchanges.paper-url",
                                    venue.server().baseUrl(),
                                    "algomarket.exchanges.paper-websocket-url",
                                    venue.webSocketApi().url())));
            DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
            beans.registerSingleton("paperVenue", venue);
            beans.registerDisposableBean("paperVenue", venue::close);
            ((GenericApplicationContext) context)
                    .registerBean(
                            PaperSubscribers.class,
                            () -> new PaperSubscribers(context.getBean(TestUsers.class), venue.exchange()),
                            definition -> definition.setLazyInit(true));
        }
    }
}
