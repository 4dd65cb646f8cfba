CREATE TABLE "historical_request_counts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"school_year" integer NOT NULL,
	"count" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "historical_request_counts_location_year_unique" UNIQUE("location_id","school_year"),
	CONSTRAINT "historical_request_counts_not_negative" CHECK ("historical_request_counts"."count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "historical_request_counts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "historical_request_counts" ADD CONSTRAINT "historical_request_counts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "historical_request_counts" ADD CONSTRAINT "historical_request_counts_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "historical_request_counts_tenant_year_idx" ON "historical_request_counts" USING btree ("tenant_id","school_year");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "historical_request_counts" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);