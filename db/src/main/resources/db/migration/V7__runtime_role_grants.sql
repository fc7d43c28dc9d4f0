-- The runtime role (Flyway placeholder app_role, set from DATABASE_USER) gets what the app needs and no more: DML on
-- the business tables, only SELECT and INSERT on audit_log. Flyway runs as the schema's owner (DATABASE_MIGRATION_USER),
-- which keeps ownership and with it the only right to alter audit_log or its append-only triggers. Where one role both
-- owns and uses the schema (the embedded default, a single-role setup) there is nothing to grant. The runtime role must
-- exist before this runs: a deployment creates it (CI: .ci/run; compose: its database init script).
-- [jooq ignore start]
do $$
declare
    runtime_role text := '${app_role}';
    target_schema text := current_schema();
begin
    if runtime_role = current_user then
        return;
    end if;
    execute format('grant usage on schema %I to %I', target_schema, runtime_role);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', target_schema, runtime_role);
    execute format('grant usage, select on all sequences in schema %I to %I', target_schema, runtime_role);
    execute format('revoke all on table %I.flyway_schema_history from %I', target_schema, runtime_role);
    execute format('revoke update, delete, truncate on table %I.audit_log from %I', target_schema, runtime_role);
    -- The tables and sequences of later migrations get the same DML for the runtime role.
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to %I',
                   target_schema, runtime_role);
    execute format('alter default privileges in schema %I grant usage, select on sequences to %I',
                   target_schema, runtime_role);
end
$$;
-- [jooq ignore stop]
