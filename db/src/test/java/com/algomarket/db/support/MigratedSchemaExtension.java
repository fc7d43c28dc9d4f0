package com.algomarket.db.support;

import java.sql.Connection;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
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
        context.getStore(NAMESPACE).put(Migrated.class, Migrated.create(schema));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DSLContext.class || type == SchemaConnections.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Migrated migrated = context.getStore(NAMESPACE).get(Migrated.class, Migrated.class);
        return parameter.getParameter().getType() == SchemaConnections.class ? migrated.more() : migrated.dsl();
    }

    /** The schema's server, the connection set to it and the DSLContext on it; closing drops the schema. */
    private record Migrated(
            TestPostgres postgres, Connection connection, String schema, DSLContext dsl, SchemaConnections more)
            implements AutoCloseable {

        static Migrated create(String schema) throws Exception {
            TestPostgres postgres = TestPostgres.start();
            Connection connection = postgres.connect();
            connection.createStatement().execute("drop schema if exists " + schema + " cascade");
            Flyway.configure()
                    .dataSource(postgres.url(), postgres.user(), postgres.password())
                    .schemas(schema)
                    .createSchemas(true)
                    // One role owns and uses the test schema, so the runtime role's grants (V7) have nothing to do.
                    .placeholders(Map.of("app_role", postgres.user()))
                    .load()
                    .migrate();
            connection.setSchema(schema);
            return new Migrated(
                    postgres,
                    connection,
                    schema,
                    DSL.using(connection, SQLDialect.POSTGRES),
                    new SchemaConnections(postgres, schema));
        }

        @Override
        public void close() throws Exception {
            try (postgres;
                    connection;
                    more) {
                connection.createStatement().execute("drop schema if exists " + schema + " cascade");
            }
        }
    }
}
