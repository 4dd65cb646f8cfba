-- Issue 13, finding 11: the database protects the partnerships and the audit trail also against the
-- role that owns the tables (docs/adr/0004-database-roles.md).

-- The cross-partnership lookups (which partnership has this e-mail address, this slug, ...) run as
-- SECURITY DEFINER. Owned by the table owner they would, with FORCE ROW LEVEL SECURITY below, see
-- nothing; with BYPASSRLS for the owner FORCE would mean nothing. So they belong to a role of their own
-- that can log in nowhere and reads only the columns they answer from.
-- Roles are shared by all databases of a server, so creating it must tolerate a parallel creator; on a
-- server the administrator creates it beforehand (README), so the owner needs no CREATEROLE.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'passend_lookup') THEN
    CREATE ROLE passend_lookup NOLOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
-- Handing a function to passend_lookup needs membership in it (the README grants it beforehand).
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'passend_lookup', 'MEMBER') THEN
    EXECUTE format('GRANT passend_lookup TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT SELECT ("id", "slug", "is_demo") ON "tenants" TO passend_lookup;
--> statement-breakpoint
GRANT SELECT ("tenant_id", "email") ON "users" TO passend_lookup;
--> statement-breakpoint
-- `current_user` is passend_lookup only inside its functions (or after an explicit SET ROLE): a role
-- that merely inherits from it, such as an owner created with INHERIT, does not see all rows through it.
CREATE POLICY "lookup" ON "tenants" AS PERMISSIVE FOR SELECT TO passend_lookup
  USING (current_user = 'passend_lookup');
--> statement-breakpoint
CREATE POLICY "lookup" ON "users" AS PERMISSIVE FOR SELECT TO passend_lookup
  USING (current_user = 'passend_lookup');
--> statement-breakpoint
-- Which partnerships exist (ids only): jobs run their work in each one (sumOverPartnerships) and the
-- demo seed asks whether the database is empty.
CREATE FUNCTION passend_tenant_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id FROM tenants ORDER BY id $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION passend_tenant_ids() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION passend_tenant_ids() TO passend_app;
--> statement-breakpoint
-- The demo partnership, if any (`npm run passend -- demo-codes`).
CREATE FUNCTION passend_demo_tenant() RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id FROM tenants WHERE is_demo ORDER BY id LIMIT 1 $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION passend_demo_tenant() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION passend_demo_tenant() TO passend_app;
--> statement-breakpoint
-- A new owner needs CREATE on the schema at the moment of the hand-over, not after it.
GRANT CREATE ON SCHEMA public TO passend_lookup;
--> statement-breakpoint
ALTER FUNCTION passend_tenant_of_email(text) OWNER TO passend_lookup;
--> statement-breakpoint
ALTER FUNCTION passend_has_demo_tenant() OWNER TO passend_lookup;
--> statement-breakpoint
ALTER FUNCTION passend_tenant_of_slug(text) OWNER TO passend_lookup;
--> statement-breakpoint
ALTER FUNCTION passend_tenant_ids() OWNER TO passend_lookup;
--> statement-breakpoint
ALTER FUNCTION passend_demo_tenant() OWNER TO passend_lookup;
--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM passend_lookup;
--> statement-breakpoint
-- Row-level security binds the tables' owner too, so an owner connection (a migration, a forgotten
-- SET ROLE, the single-URL setup) sees no partnership's rows by accident. Every table that has it
-- enabled today; database-roles.test.ts fails for a later table that forgets it.
DO $$
DECLARE
  target regclass;
BEGIN
  FOR target IN
    SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relrowsecurity AND NOT c.relforcerowsecurity
  LOOP
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  END LOOP;
END
$$;
--> statement-breakpoint
-- The audit trail is append-only for every role, the owner included (P2): passend_app has no UPDATE
-- or DELETE grant (migration 0002), and this refuses the statements themselves, also when they would
-- touch no row. Only a role that may drop the trigger (the owner, a superuser) can get past it, and
-- not by accident.
CREATE FUNCTION passend_refuse_audit_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  -- Issue 15 (retention) will delete audit events older than 5 years: that deletion hooks in here,
  -- letting through only expired rows removed by the retention job. Until then nothing is let through.
  RAISE EXCEPTION 'audit events are append-only: % on audit_events is refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION passend_refuse_audit_change();
--> statement-breakpoint
-- Readiness (/readyz, and whether a start has migrations to apply) is asked as passend_app: the
-- runtime login role has no rights of its own.
GRANT USAGE ON SCHEMA drizzle TO passend_app;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO passend_app;
