package com.algomarket.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

class RolesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            api,worker   | true  | true
            ' worker , api' | true  | true
            api          | true  | false
            worker       | false | true
            """)
    void givenRoles_whenInitialised_thenApiAndWorkersAreSwitchedAccordingly(String roles, boolean api, boolean worker) {
        GenericApplicationContext context = contextWithRoles(roles);

        new Roles().initialize(context);

        assertThat(context.getEnvironment().getProperty(Roles.API_PROPERTY, Boolean.class))
                .isEqualTo(api);
        assertThat(context.getEnvironment().getProperty(Roles.WORKER_PROPERTY, Boolean.class))
                .isEqualTo(worker);
        assertThat(context.getEnvironment().getProperty("spring.temporal.start-workers", Boolean.class))
                .isEqualTo(worker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " , ", "apis", "api,scheduler"})
    void givenUnknownOrNoRole_whenInitialised_thenRefusesToStart(String roles) {
        GenericApplicationContext context = contextWithRoles(roles);

        assertThatThrownBy(() -> new Roles().initialize(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("algomarket.roles");
    }

    private static GenericApplicationContext contextWithRoles(String roles) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("test", Map.of("algomarket.roles", roles)));
        return context;
    }
}
