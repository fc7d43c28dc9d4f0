package com.algomarket.api.support;

import com.algomarket.activities.email.OutboxEmailSender;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Adds a {@link TestUsers} bean to the app of a {@link RealServers} test: lazy, because it needs the port the web
 * server picked and the outbox, which exist only once the app runs.
 */
public final class RealServersContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, RealServers.class) ? new TestUsersBean() : null;
    }

    private record TestUsersBean() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            ((GenericApplicationContext) context)
                    .registerBean(
                            TestUsers.class,
                            () -> new TestUsers(
                                    new Http(context.getEnvironment()
                                            .getRequiredProperty("local.server.port", Integer.class)),
                                    context.getBean(OutboxEmailSender.class)),
                            definition -> definition.setLazyInit(true));
        }
    }
}
