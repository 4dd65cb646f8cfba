CREATE TABLE "deletion_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deletion_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"count" integer NOT NULL,
	"deleted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deletion_log_count_positive" CHECK ("deletion_log"."count" > 0)
);
--> statement-breakpoint
ALTER TABLE "deletion_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "legal_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"pupil_name" text NOT NULL,
	"name_key" text NOT NULL,
	"birth_date" date NOT NULL,
	"location_id" uuid,
	"reason" text NOT NULL,
	"placed_by_user_id" uuid NOT NULL,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	"released_by_user_id" uuid,
	"release_reason" text,
	CONSTRAINT "legal_holds_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "legal_holds_release_complete" CHECK (("legal_holds"."released_at" is null) = ("legal_holds"."released_by_user_id" is null) and ("legal_holds"."released_at" is null) = ("legal_holds"."release_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "legal_holds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "request_figures" (
	"tenant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"school_year" integer NOT NULL,
	"type" text NOT NULL,
	"outcome" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "request_figures_tenant_id_location_id_school_year_type_outcome_pk" PRIMARY KEY("tenant_id","location_id","school_year","type","outcome"),
	CONSTRAINT "request_figures_count_positive" CHECK ("request_figures"."count" > 0)
);
--> statement-breakpoint
ALTER TABLE "request_figures" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "retention_periods" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"updated_by_user_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_periods_tenant_id_kind_pk" PRIMARY KEY("tenant_id","kind"),
	CONSTRAINT "retention_periods_amount_positive" CHECK ("retention_periods"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "retention_periods" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "trajectory_figures" (
	"tenant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"school_year" integer NOT NULL,
	"end_reason" text NOT NULL,
	"diploma_level" text NOT NULL,
	"had_opp" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "trajectory_figures_tenant_id_location_id_school_year_end_reason_diploma_level_had_opp_pk" PRIMARY KEY("tenant_id","location_id","school_year","end_reason","diploma_level","had_opp"),
	CONSTRAINT "trajectory_figures_count_positive" CHECK ("trajectory_figures"."count" > 0)
);
--> statement-breakpoint
ALTER TABLE "trajectory_figures" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consent_records" DROP CONSTRAINT "consent_records_request_id_fk";
--> statement-breakpoint
ALTER TABLE "deletion_log" ADD CONSTRAINT "deletion_log_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_placed_by_user_id_fk" FOREIGN KEY ("tenant_id","placed_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_released_by_user_id_fk" FOREIGN KEY ("tenant_id","released_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_figures" ADD CONSTRAINT "request_figures_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_figures" ADD CONSTRAINT "request_figures_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_periods" ADD CONSTRAINT "retention_periods_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_periods" ADD CONSTRAINT "retention_periods_updated_by_user_id_fk" FOREIGN KEY ("tenant_id","updated_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_figures" ADD CONSTRAINT "trajectory_figures_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_figures" ADD CONSTRAINT "trajectory_figures_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deletion_log_tenant_time_idx" ON "deletion_log" USING btree ("tenant_id","deleted_at");--> statement-breakpoint
CREATE INDEX "legal_holds_active_idx" ON "legal_holds" USING btree ("tenant_id","birth_date","name_key") WHERE "legal_holds"."released_at" is null;--> statement-breakpoint
CREATE INDEX "legal_holds_tenant_time_idx" ON "legal_holds" USING btree ("tenant_id","placed_at");--> statement-breakpoint
CREATE INDEX "legal_holds_location_idx" ON "legal_holds" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "legal_holds_placed_by_idx" ON "legal_holds" USING btree ("placed_by_user_id");--> statement-breakpoint
CREATE INDEX "legal_holds_released_by_idx" ON "legal_holds" USING btree ("released_by_user_id");--> statement-breakpoint
CREATE INDEX "request_figures_location_year_idx" ON "request_figures" USING btree ("location_id","school_year");--> statement-breakpoint
CREATE INDEX "retention_periods_updated_by_idx" ON "retention_periods" USING btree ("updated_by_user_id");--> statement-breakpoint
CREATE INDEX "trajectory_figures_location_year_idx" ON "trajectory_figures" USING btree ("location_id","school_year");--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_request_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."support_requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_people_pupil_birth_idx" ON "request_people" USING btree ("tenant_id","birth_date") WHERE "request_people"."kind" = 'pupil';--> statement-breakpoint
CREATE INDEX "support_requests_finished_idx" ON "support_requests" USING btree ("tenant_id","closed_at") WHERE "support_requests"."status" in ('closed', 'refused', 'withdrawn');--> statement-breakpoint
CREATE INDEX "trajectories_ended_idx" ON "trajectories" USING btree ("tenant_id","ended_on") WHERE "trajectories"."ended_on" is not null;--> statement-breakpoint
CREATE INDEX "trajectories_pupil_birth_idx" ON "trajectories" USING btree ("tenant_id","pupil_birth_date");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "deletion_log" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "legal_holds" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "request_figures" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "retention_periods" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "trajectory_figures" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Row-level security binds the owner too, as for every partnership table (migration 0019).
ALTER TABLE "deletion_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "legal_holds" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "request_figures" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "retention_periods" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "trajectory_figures" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- The deletion log is a record: written once, never changed or removed by the application.
REVOKE UPDATE, DELETE, TRUNCATE ON "deletion_log" FROM passend_app;--> statement-breakpoint
-- How a pupil's name is compared when one pupil's files are looked for (legal hold, subject access):
-- case and surrounding or repeated spaces do not count.
CREATE FUNCTION passend_name_key(p_name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(regexp_replace(btrim(coalesce(p_name, '')), '\s+', ' ', 'g')) $$;
--> statement-breakpoint
-- P2 and P4: the audit trail stays append-only, except that the retention job removes events older
-- than five years. UPDATE and TRUNCATE stay refused for every role; a DELETE is checked row by row,
-- against the database's own clock, so no setting and no application clock can remove a younger event.
CREATE OR REPLACE FUNCTION passend_refuse_audit_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only: % on audit_events is refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
DROP TRIGGER "audit_events_append_only" ON "audit_events";--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION passend_refuse_audit_change();--> statement-breakpoint
CREATE FUNCTION passend_refuse_young_audit_deletion() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF OLD.occurred_at > now() - interval '5 years' THEN
    RAISE EXCEPTION 'audit events are kept five years: DELETE of a younger event is refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_kept_five_years" BEFORE DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION passend_refuse_young_audit_deletion();--> statement-breakpoint
GRANT DELETE ON "audit_events" TO passend_app;
--> statement-breakpoint
-- A refusal or withdrawal now finishes a request like a closure (its retention period starts then):
-- requests refused or withdrawn before this migration get that moment. Row-level security binds the owner
-- (migration 0019), so it is lifted for these two statements only.
ALTER TABLE "support_requests" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "request_events" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE "support_requests" s SET "closed_at" = (
  SELECT max(e."at") FROM "request_events" e WHERE e."request_id" = s."id" AND e."to_status" = s."status"
) WHERE s."status" IN ('refused', 'withdrawn') AND s."closed_at" IS NULL;--> statement-breakpoint
UPDATE "support_requests" SET "closed_at" = "updated_at" WHERE "status" IN ('refused', 'withdrawn') AND "closed_at" IS NULL;--> statement-breakpoint
ALTER TABLE "support_requests" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "request_events" FORCE ROW LEVEL SECURITY;
