CREATE TABLE "opp_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"opp_version_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"given_by" text NOT NULL,
	"method" text NOT NULL,
	"decided_on" date NOT NULL,
	"comments" text DEFAULT '' NOT NULL,
	"action_part" jsonb NOT NULL,
	"link_id" uuid,
	"signed_by" text,
	"recorded_by_user_id" uuid,
	"scan_file_name" text,
	"scan_media_type" text,
	"scan_size" integer,
	"scan_content" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "opp_consents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "opp_pupil_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"opp_version_id" uuid NOT NULL,
	"link_id" uuid,
	"view" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "opp_pupil_views" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "opp_parent_links" ADD COLUMN "holder" text DEFAULT 'parents' NOT NULL;--> statement-breakpoint
ALTER TABLE "opp_parent_links" ADD COLUMN "mailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "opp_parent_links" ADD CONSTRAINT "opp_parent_links_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "opp_consents" ADD CONSTRAINT "opp_consents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_consents" ADD CONSTRAINT "opp_consents_trajectory_id_fk" FOREIGN KEY ("tenant_id","trajectory_id") REFERENCES "public"."trajectories"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_consents" ADD CONSTRAINT "opp_consents_opp_version_id_fk" FOREIGN KEY ("tenant_id","opp_version_id") REFERENCES "public"."opp_versions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_consents" ADD CONSTRAINT "opp_consents_link_id_fk" FOREIGN KEY ("tenant_id","link_id") REFERENCES "public"."opp_parent_links"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_consents" ADD CONSTRAINT "opp_consents_recorded_by_user_id_fk" FOREIGN KEY ("tenant_id","recorded_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_pupil_views" ADD CONSTRAINT "opp_pupil_views_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_pupil_views" ADD CONSTRAINT "opp_pupil_views_trajectory_id_fk" FOREIGN KEY ("tenant_id","trajectory_id") REFERENCES "public"."trajectories"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_pupil_views" ADD CONSTRAINT "opp_pupil_views_opp_version_id_fk" FOREIGN KEY ("tenant_id","opp_version_id") REFERENCES "public"."opp_versions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_pupil_views" ADD CONSTRAINT "opp_pupil_views_link_id_fk" FOREIGN KEY ("tenant_id","link_id") REFERENCES "public"."opp_parent_links"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "opp_consents_trajectory_idx" ON "opp_consents" USING btree ("trajectory_id","created_at");--> statement-breakpoint
CREATE INDEX "opp_consents_version_idx" ON "opp_consents" USING btree ("opp_version_id","created_at");--> statement-breakpoint
CREATE INDEX "opp_consents_link_idx" ON "opp_consents" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "opp_consents_recorded_by_idx" ON "opp_consents" USING btree ("recorded_by_user_id");--> statement-breakpoint
CREATE INDEX "opp_consents_tenant_idx" ON "opp_consents" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "opp_pupil_views_trajectory_idx" ON "opp_pupil_views" USING btree ("trajectory_id","created_at");--> statement-breakpoint
CREATE INDEX "opp_pupil_views_version_idx" ON "opp_pupil_views" USING btree ("opp_version_id");--> statement-breakpoint
CREATE INDEX "opp_pupil_views_link_idx" ON "opp_pupil_views" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "opp_pupil_views_tenant_idx" ON "opp_pupil_views" USING btree ("tenant_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "opp_consents" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "opp_pupil_views" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
-- Added by hand: the app role is held to the partnership policy as the tables' owner would be (P6).
ALTER TABLE "opp_consents" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "opp_pupil_views" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Added by hand: an answer on the action part is a record, never changed afterwards (E12, P3).
REVOKE UPDATE, DELETE, TRUNCATE ON "opp_consents" FROM passend_app;
