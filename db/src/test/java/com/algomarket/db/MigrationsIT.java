package com.algomarket.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.db.jooq.DefaultSchema;
import com.algomarket.db.support.MigratedSchema;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Meta;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/**
 * Runs every Flyway migration on a real PostgreSQL into a schema of its own, then holds the live schema against
 * the jOOQ code that the build generated from the same scripts without a database.
 */
@MigratedSchema(MigrationsIT.SCHEMA)
class MigrationsIT {

    static final String SCHEMA = "migrations_it";

    private final DSLContext dsl;

    MigrationsIT(DSLContext migrated) {
        dsl = migrated;
    }

    @Test
    void givenAllMigrations_whenAppliedToPostgres_thenEveryGeneratedTableExistsWithTheSameColumns() {
        Map<String, Table<?>> live = liveTables();
        List<Table<?>> generated = DefaultSchema.DEFAULT_SCHEMA.getTables();
        assertThat(generated).as("tables jOOQ generated").hasSizeGreaterThanOrEqualTo(12);

        assertThat(live.keySet())
                .as("tables in PostgreSQL besides Flyway's history")
                .containsExactlyInAnyOrderElementsOf(
                        generated.stream().map(Table::getName).toList());

        for (Table<?> table : generated) {
            Table<?> liveTable = live.get(table.getName());
            assertThat(columns(liveTable))
                    .as("columns of %s: PostgreSQL vs jOOQ", table.getName())
                    .containsExactlyElementsOf(columns(table));
        }
    }

    @Test
    void givenMoneyAndQuantityColumns_thenNoneIsFloatingPoint() {
        List<String> floating = liveTables().values().stream()
                .flatMap(table ->
                        table.fieldStream().map(field -> Map.entry(table.getName() + "." + field.getName(), field)))
                .filter(entry -> {
                    String type =
                            entry.getValue().getDataType().getSQLDataType().getTypeName();
                    return type.equals("real") || type.equals("double precision") || type.equals("float");
                })
                .map(Map.Entry::getKey)
                .toList();
        assertThat(floating).isEmpty();
    }

    @Test
    void givenAnAuditEntry_whenUpdatedDeletedOrTruncated_thenPostgresRefuses() throws SQLException {
        dsl.execute(
                "insert into audit_log (actor, entity_type, entity_id, action) values ('test', 'user', '1', 'CREATED')");

        assertThatThrownBy(() -> dsl.execute("update audit_log set action = 'FORGED'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> dsl.execute("delete from audit_log")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> dsl.execute("truncate audit_log")).hasMessageContaining("append-only");

        assertThat(dsl.fetchValue("select count(*) from audit_log where action = 'CREATED'", Long.class))
                .isEqualTo(1L);
    }

    private Map<String, Table<?>> liveTables() {
        Meta meta = dsl.meta();
        return meta.getSchemas(SCHEMA).getFirst().getTables().stream()
                .filter(table -> !table.getName().equals("flyway_schema_history"))
                .collect(Collectors.toMap(Table::getName, Function.identity()));
    }

    /** A column as "name type(length/precision,scale) [not null]", comparable between live and generated tables. */
    private static List<String> columns(Table<?> table) {
        return table.fieldStream().map(MigrationsIT::describe).toList();
    }

    private static String describe(Field<?> field) {
        DataType<?> type = field.getDataType();
        DataType<?> sqlType = type.getSQLDataType();
        // DECIMAL and NUMERIC are one type in PostgreSQL; jOOQ's live meta says NUMERIC, its generator DECIMAL.
        String name = sqlType.getTypeName().replace("decimal", "numeric");
        if (type.isArray()) {
            name = type.getArrayComponentDataType().getSQLDataType().getTypeName() + "[]";
        } else if (type.hasLength() && type.lengthDefined() && !type.isLob()) {
            name += "(" + type.length() + ")";
        } else if (type.hasPrecision() && type.precisionDefined() && !type.isDateTime()) {
            name += "(" + type.precision() + "," + type.scale() + ")";
        }
        return field.getName() + " " + name + (type.nullable() ? "" : " not null");
    }
}
