package com.algomarket.db.support;

import java.lang.reflect.Constructor;
import java.util.Arrays;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.stereotype.Repository;

/**
 * Migrates the {@link MigratedSchema} of a test class before it runs, drops it after, and injects its DSLContext (or
 * {@link SchemaConnections} for more connections to it), or a {@link Repository} of db built on it as Spring builds it:
 * from its constructor, whose parameters are injected the same way.
 */
final class MigratedSchemaExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MigratedSchemaExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String schema = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), MigratedSchema.class)
                .orElseThrow()
                .value();
        context.getStore(NAMESPACE).put(TestSchema.class, TestSchema.migrate(schema));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DSLContext.class
                || type == SchemaConnections.class
                || type.isAnnotationPresent(Repository.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestSchema migrated = context.getStore(NAMESPACE).get(TestSchema.class, TestSchema.class);
        return resolve(migrated, parameter.getParameter().getType());
    }

    private static Object resolve(TestSchema migrated, Class<?> type) {
        if (type == DSLContext.class) {
            return migrated.dsl();
        }
        if (type == SchemaConnections.class) {
            return migrated.connections();
        }
        if (!type.isAnnotationPresent(Repository.class)) {
            throw new ParameterResolutionException("neither the schema nor a repository of db: " + type.getName());
        }
        Constructor<?> constructor = type.getConstructors()[0];
        Object[] arguments = Arrays.stream(constructor.getParameterTypes())
                .map(parameter -> resolve(migrated, parameter))
                .toArray();
        try {
            return constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new ParameterResolutionException("cannot build " + type.getName(), e);
        }
    }
}
