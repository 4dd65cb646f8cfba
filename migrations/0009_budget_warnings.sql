CREATE TABLE "budget_warnings" (
	"tenant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"school_year" integer NOT NULL,
	"threshold" integer NOT NULL,
	"reached_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_warnings_location_id_school_year_threshold_pk" PRIMARY KEY("location_id","school_year","threshold"),
	CONSTRAINT "budget_warnings_threshold" CHECK ("budget_warnings"."threshold" in (80, 100))
);
--> statement-breakpoint
ALTER TABLE "budget_warnings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "budget_warnings" ADD CONSTRAINT "budget_warnings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_warnings" ADD CONSTRAINT "budget_warnings_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_warnings_tenant_year_idx" ON "budget_warnings" USING btree ("tenant_id","school_year");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "budget_warnings" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);