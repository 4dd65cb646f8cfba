-- The role the application works as: no login, no BYPASSRLS, owns nothing (P6).
-- Roles are shared by all databases of a server, so creating it must tolerate a parallel creator.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'passend_app') THEN
    CREATE ROLE passend_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
-- The connecting user switches to the app role per transaction (SET LOCAL ROLE), so it must be a member.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'passend_app', 'MEMBER') THEN
    EXECUTE format('GRANT passend_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO passend_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO passend_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO passend_app;
