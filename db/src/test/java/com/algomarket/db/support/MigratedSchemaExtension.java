package com.algomarket.db.support;

import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Migrates the {@link MigratedSchema} of a test class before it runs, drops it after, and injects its DSLContext (or
 * {@link SchemaConnections} for more connections to it).
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
        return type == DSLContext.class || type == SchemaConnections.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestSchema migrated = context.getStore(NAMESPACE).get(TestSchema.class, TestSchema.class);
        return parameter.getParameter().getType() == SchemaConnections.class ? migrated.connections() : migrated.dsl();
    }
}
