package com.algomarket.db.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An IT class gets a schema of its own on the {@link TestPostgres}, with every Flyway migration applied, dropped
 * again after the class. Its constructor or methods take the {@link org.jooq.DSLContext} on that schema.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MigratedSchemaExtension.class)
public @interface MigratedSchema {

    /** The schema's name, dropped first if a failed run left it behind. */
    String value();
}
