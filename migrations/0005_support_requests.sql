CREATE TABLE "consent_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"sent_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "consent_links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consent_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"method" text NOT NULL,
	"decided_on" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"recorded_by_user_id" uuid,
	"text_version" text,
	"signed_by" text,
	"attachment_id" uuid,
	"link_id" uuid
);
--> statement-breakpoint
ALTER TABLE "consent_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "partnership_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"consent_one_parent_suffices" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partnership_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "request_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"message_id" uuid,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by_user_id" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "request_attachments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "request_counters" (
	"tenant_id" uuid NOT NULL,
	"school_year" integer NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "request_counters_tenant_id_school_year_pk" PRIMARY KEY("tenant_id","school_year")
);
--> statement-breakpoint
ALTER TABLE "request_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"transition" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"reason" text,
	"at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "request_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "request_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"author_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "request_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "request_people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"has_authority" boolean,
	"birth_date" date,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "request_people_pupil_has_birth_date" CHECK ("request_people"."kind" <> 'pupil' or "request_people"."birth_date" is not null)
);
--> statement-breakpoint
ALTER TABLE "request_people" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_request_tags" (
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"tag_id" uuid NOT NULL,
	CONSTRAINT "support_request_tags_request_id_tag_id_pk" PRIMARY KEY("request_id","tag_id")
);
--> statement-breakpoint
ALTER TABLE "support_request_tags" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"school_year" integer NOT NULL,
	"idempotency_key" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"consent_status" text DEFAULT 'not_needed' NOT NULL,
	"status_before_pause" text,
	"type" text,
	"question" text,
	"tried_in_basic_support" text,
	"hoped_outcome" text,
	"teacher_name" text,
	"group_name" text,
	"asks_direct_pupil_support" boolean,
	"pupil_group" text,
	"assigned_user_id" uuid,
	"created_by_user_id" uuid NOT NULL,
	"parents_informed_on" date,
	"parents_informed_how" text,
	"parents_informed_by_user_id" uuid,
	"outcome" text,
	"refusal_reason" text,
	"submitted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_requests_reference_unique" UNIQUE("tenant_id","reference"),
	CONSTRAINT "support_requests_idempotency_unique" UNIQUE("tenant_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "support_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consent_links" ADD CONSTRAINT "consent_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_links" ADD CONSTRAINT "consent_links_request_id_support_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."support_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_links" ADD CONSTRAINT "consent_links_person_id_request_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."request_people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_links" ADD CONSTRAINT "consent_links_sent_by_user_id_users_id_fk" FOREIGN KEY ("sent_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_request_id_support_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."support_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_person_id_request_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."request_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_attachment_id_request_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."request_attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_link_id_consent_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."consent_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_settings" ADD CONSTRAINT "partnership_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_request_id_support_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."support_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_message_id_request_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."request_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_counters" ADD CONSTRAINT "request_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_support_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."support_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_messages" ADD CONSTRAINT "request_messages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_messages" ADD CONSTRAINT "request_messages_request_id_support_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."support_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_messages" ADD CONSTRAINT "request_messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_people" ADD CONSTRAINT "request_people_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_people" ADD CONSTRAINT "request_people_request_id_support_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."support_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request_tags" ADD CONSTRAINT "support_request_tags_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request_tags" ADD CONSTRAINT "support_request_tags_request_id_support_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."support_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request_tags" ADD CONSTRAINT "support_request_tags_tag_id_expertise_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."expertise_tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_assigned_user_id_users_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_parents_informed_by_user_id_users_id_fk" FOREIGN KEY ("parents_informed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_links_person_idx" ON "consent_links" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "consent_links_request_idx" ON "consent_links" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "consent_links_sent_by_idx" ON "consent_links" USING btree ("sent_by_user_id");--> statement-breakpoint
CREATE INDEX "consent_links_tenant_idx" ON "consent_links" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "consent_records_request_idx" ON "consent_records" USING btree ("request_id","recorded_at");--> statement-breakpoint
CREATE INDEX "consent_records_person_idx" ON "consent_records" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "consent_records_recorded_by_idx" ON "consent_records" USING btree ("recorded_by_user_id");--> statement-breakpoint
CREATE INDEX "consent_records_attachment_idx" ON "consent_records" USING btree ("attachment_id");--> statement-breakpoint
CREATE INDEX "consent_records_link_idx" ON "consent_records" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "consent_records_tenant_idx" ON "consent_records" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "request_attachments_request_idx" ON "request_attachments" USING btree ("request_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "request_attachments_message_idx" ON "request_attachments" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "request_attachments_uploaded_by_idx" ON "request_attachments" USING btree ("uploaded_by_user_id");--> statement-breakpoint
CREATE INDEX "request_attachments_tenant_idx" ON "request_attachments" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "request_events_request_idx" ON "request_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "request_events_actor_idx" ON "request_events" USING btree ("actor_user_id");--> statement-breakpoint
CREATE INDEX "request_events_tenant_idx" ON "request_events" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "request_messages_request_idx" ON "request_messages" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "request_messages_author_idx" ON "request_messages" USING btree ("author_user_id");--> statement-breakpoint
CREATE INDEX "request_messages_tenant_idx" ON "request_messages" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "request_people_request_idx" ON "request_people" USING btree ("request_id","position");--> statement-breakpoint
CREATE INDEX "request_people_tenant_idx" ON "request_people" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "support_request_tags_tag_idx" ON "support_request_tags" USING btree ("tag_id");--> statement-breakpoint
CREATE INDEX "support_request_tags_tenant_idx" ON "support_request_tags" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "support_requests_location_idx" ON "support_requests" USING btree ("location_id","status");--> statement-breakpoint
CREATE INDEX "support_requests_tenant_status_idx" ON "support_requests" USING btree ("tenant_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "support_requests_tenant_year_idx" ON "support_requests" USING btree ("tenant_id","school_year");--> statement-breakpoint
CREATE INDEX "support_requests_assigned_idx" ON "support_requests" USING btree ("assigned_user_id");--> statement-breakpoint
CREATE INDEX "support_requests_created_by_idx" ON "support_requests" USING btree ("created_by_user_id");--> statement-breakpoint
CREATE INDEX "support_requests_informed_by_idx" ON "support_requests" USING btree ("parents_informed_by_user_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "consent_links" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "consent_records" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "partnership_settings" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "request_attachments" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "request_counters" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "request_events" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "request_messages" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "request_people" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "support_request_tags" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "support_requests" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- P3: consent records are append-only for the application.
REVOKE UPDATE, DELETE, TRUNCATE ON "consent_records" FROM passend_app;
