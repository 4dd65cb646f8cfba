CREATE TABLE "annual_report_texts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"school_year" integer NOT NULL,
	"section" text NOT NULL,
	"text" text NOT NULL,
	"updated_by_user_id" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "annual_report_texts_section_key" UNIQUE("tenant_id","school_year","section"),
	CONSTRAINT "annual_report_texts_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "annual_report_texts_section" CHECK ("section" in ('intro', 'team', 'points', 'allocation', 'closing')),
	CONSTRAINT "annual_report_texts_length" CHECK (char_length("text") <= 10000)
);
--> statement-breakpoint
ALTER TABLE "annual_report_texts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "annual_report_texts" ADD CONSTRAINT "annual_report_texts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_report_texts" ADD CONSTRAINT "annual_report_texts_updated_by_user_id_fk" FOREIGN KEY ("tenant_id","updated_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "annual_report_texts_updated_by_idx" ON "annual_report_texts" USING btree ("updated_by_user_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "annual_report_texts" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Row-level security binds the owner too, as for every partnership table (migration 0019).
ALTER TABLE "annual_report_texts" FORCE ROW LEVEL SECURITY;
