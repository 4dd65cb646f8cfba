CREATE TABLE "subject_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"pupil_name" text NOT NULL,
	"name_key" text NOT NULL,
	"birth_date" date NOT NULL,
	"location_id" uuid NOT NULL,
	"requester_name" text NOT NULL,
	"requester_relation" text NOT NULL,
	"requester_contact" text,
	"reason" text NOT NULL,
	"received_on" date NOT NULL,
	"deadline_on" date NOT NULL,
	"decision" text,
	"refusal_ground" text,
	"deleted_requests" integer,
	"deleted_trajectories" integer,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"handled_by_user_id" uuid,
	"handled_at" timestamp with time zone,
	CONSTRAINT "subject_requests_tenant_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "subject_requests_deadline_after_receipt" CHECK ("subject_requests"."deadline_on" > "subject_requests"."received_on"),
	CONSTRAINT "subject_requests_decided_has_decision" CHECK ("subject_requests"."status" not in ('done', 'refused') or ("subject_requests"."decision" is not null and "subject_requests"."handled_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "subject_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "subject_requests" ADD CONSTRAINT "subject_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_requests" ADD CONSTRAINT "subject_requests_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_requests" ADD CONSTRAINT "subject_requests_created_by_user_id_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_requests" ADD CONSTRAINT "subject_requests_handled_by_user_id_fk" FOREIGN KEY ("tenant_id","handled_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subject_requests_status_idx" ON "subject_requests" USING btree ("tenant_id","status","received_on");--> statement-breakpoint
CREATE INDEX "subject_requests_kind_idx" ON "subject_requests" USING btree ("tenant_id","kind","received_on");--> statement-breakpoint
CREATE INDEX "subject_requests_open_deadline_idx" ON "subject_requests" USING btree ("tenant_id","deadline_on") WHERE "subject_requests"."status" in ('received', 'in_progress');--> statement-breakpoint
CREATE INDEX "subject_requests_received_idx" ON "subject_requests" USING btree ("tenant_id","received_on");--> statement-breakpoint
CREATE INDEX "subject_requests_pupil_idx" ON "subject_requests" USING btree ("tenant_id","birth_date","name_key");--> statement-breakpoint
CREATE INDEX "subject_requests_location_idx" ON "subject_requests" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "subject_requests_created_by_idx" ON "subject_requests" USING btree ("created_by_user_id");--> statement-breakpoint
CREATE INDEX "subject_requests_handled_by_idx" ON "subject_requests" USING btree ("handled_by_user_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "subject_requests" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Row-level security binds the owner too, as for every partnership table (migration 0019).
ALTER TABLE "subject_requests" FORCE ROW LEVEL SECURITY;
