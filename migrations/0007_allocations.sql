CREATE TABLE "allocation_lines" (
	"tenant_id" uuid NOT NULL,
	"allocation_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"pupils" integer NOT NULL,
	"requests" integer NOT NULL,
	"pupil_share" numeric(12, 10) NOT NULL,
	"request_share" numeric(12, 10) NOT NULL,
	"raw_hours" numeric(12, 4) NOT NULL,
	"hours" numeric(9, 2) NOT NULL,
	CONSTRAINT "allocation_lines_allocation_id_location_id_pk" PRIMARY KEY("allocation_id","location_id")
);
--> statement-breakpoint
ALTER TABLE "allocation_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"school_year" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"fixed_total_hours" numeric(9, 2),
	"set_aside_hours" numeric(9, 2) NOT NULL,
	"total_hours" numeric(9, 2) NOT NULL,
	"pupil_weight_percent" integer NOT NULL,
	"reference_years" integer NOT NULL,
	"minimum_hours" numeric(9, 2) NOT NULL,
	"rounding_unit" numeric(3, 1) NOT NULL,
	"reason" text,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"adopted_by_user_id" uuid,
	"adopted_at" timestamp with time zone,
	CONSTRAINT "allocations_year_version_unique" UNIQUE("tenant_id","school_year","version")
);
--> statement-breakpoint
ALTER TABLE "allocations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "allocation_lines" ADD CONSTRAINT "allocation_lines_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_lines" ADD CONSTRAINT "allocation_lines_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_lines" ADD CONSTRAINT "allocation_lines_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_adopted_by_user_id_users_id_fk" FOREIGN KEY ("adopted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocation_lines_location_idx" ON "allocation_lines" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "allocation_lines_tenant_idx" ON "allocation_lines" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "allocations_one_draft_per_year" ON "allocations" USING btree ("tenant_id","school_year") WHERE "allocations"."status" = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "allocations_one_adopted_per_year" ON "allocations" USING btree ("tenant_id","school_year") WHERE "allocations"."status" = 'adopted';--> statement-breakpoint
CREATE INDEX "allocations_created_by_idx" ON "allocations" USING btree ("created_by_user_id");--> statement-breakpoint
CREATE INDEX "allocations_adopted_by_idx" ON "allocations" USING btree ("adopted_by_user_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "allocation_lines" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "allocations" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);