-- The audit trail is append-only for the application (P2): no UPDATE, no DELETE.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM passend_app;
--> statement-breakpoint
-- Sign-in knows only an e-mail address, not the partnership. This function, owned by the
-- migration role, answers that one question across partnerships and nothing more.
CREATE FUNCTION passend_tenant_of_email(p_email text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT tenant_id FROM users WHERE email = lower(p_email) $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION passend_tenant_of_email(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION passend_tenant_of_email(text) TO passend_app;

--> statement-breakpoint
-- Whether the sign-in page should show the demo banner: one yes/no, nothing about any partnership.
CREATE FUNCTION passend_has_demo_tenant() RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT EXISTS (SELECT 1 FROM tenants WHERE is_demo) $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION passend_has_demo_tenant() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION passend_has_demo_tenant() TO passend_app;
