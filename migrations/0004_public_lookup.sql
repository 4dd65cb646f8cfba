-- Public pages (team page, expertise points) name their partnership by slug, without a session.
-- This answers only "which partnership has this slug" and nothing else about it.
CREATE FUNCTION passend_tenant_of_slug(p_slug text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id FROM tenants WHERE slug = p_slug $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION passend_tenant_of_slug(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION passend_tenant_of_slug(text) TO passend_app;
