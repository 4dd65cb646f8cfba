CREATE TABLE "attendance_expectations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"starts_at" time NOT NULL,
	"ends_at" time NOT NULL,
	"reason" text DEFAULT 'planned' NOT NULL,
	CONSTRAINT "attendance_expectations_weekday" CHECK ("attendance_expectations"."weekday" between 1 and 5),
	CONSTRAINT "attendance_expectations_order" CHECK ("attendance_expectations"."ends_at" > "attendance_expectations"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "attendance_expectations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "attendance_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"checked_in_at" timestamp with time zone NOT NULL,
	"checked_out_at" timestamp with time zone,
	"note" text,
	"checked_in_by_user_id" uuid NOT NULL,
	"checked_out_by_user_id" uuid,
	CONSTRAINT "attendance_visits_order" CHECK ("attendance_visits"."checked_out_at" is null or "attendance_visits"."checked_out_at" >= "attendance_visits"."checked_in_at")
);
--> statement-breakpoint
ALTER TABLE "attendance_visits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "homework_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"due_on" date NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "homework_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "homework_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"homework_item_id" uuid NOT NULL,
	"planned_on" date NOT NULL,
	"planned_work" text DEFAULT '' NOT NULL,
	"result" text,
	"note" text,
	"checked_by_user_id" uuid,
	"checked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "homework_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "opp_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"opp_version_id" uuid NOT NULL,
	"evaluated_on" date NOT NULL,
	"summary" text NOT NULL,
	"evaluated_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "opp_evaluations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "opp_parent_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_opened_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "opp_parent_links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "opp_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"exit_destination" text DEFAULT '' NOT NULL,
	"exit_reasons" text DEFAULT '' NOT NULL,
	"hindering_factors" text DEFAULT '' NOT NULL,
	"supporting_factors" text DEFAULT '' NOT NULL,
	"support" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"independent_work_agreement" text DEFAULT '' NOT NULL,
	"homework_agreement" text,
	"curriculum_deviations" text DEFAULT '' NOT NULL,
	"evaluation_dates" date[] DEFAULT '{}'::date[] NOT NULL,
	"parents_discussed_on" date,
	"parents_discussion_participants" text,
	"parents_view" text,
	"parents_agreement" text,
	"parents_agreement_comments" text,
	"pupil_view" text,
	"created_by_user_id" uuid NOT NULL,
	"adopted_at" timestamp with time zone,
	"adopted_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "opp_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "teacher_support_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"topic" text NOT NULL,
	"participant_count" integer,
	"teacher_name" text,
	"class_name" text,
	"description" text DEFAULT '' NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teacher_support_participants" CHECK ("teacher_support_activities"."participant_count" is null or "teacher_support_activities"."participant_count" > 0)
);
--> statement-breakpoint
ALTER TABLE "teacher_support_activities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "trajectories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"status" text DEFAULT 'signalled' NOT NULL,
	"pupil_first_name" text NOT NULL,
	"pupil_last_name" text NOT NULL,
	"pupil_birth_date" date,
	"pupil_class" text NOT NULL,
	"mentor_user_id" uuid NOT NULL,
	"signal_source" text NOT NULL,
	"signal_observed" text NOT NULL,
	"signal_since" text DEFAULT '' NOT NULL,
	"signal_tried" text DEFAULT '' NOT NULL,
	"signal_discuss_with" text,
	"signalled_by_user_id" uuid NOT NULL,
	"discussed_on" date,
	"discussion_outcome" text,
	"discussed_by_user_id" uuid,
	"parents_contacted_on" date,
	"parents_contacted_how" text,
	"parents_contact_outcome" text,
	"parents_contacted_by_user_id" uuid,
	"eligibility_decided_on" date,
	"problem_kinds" text[],
	"eligibility_reasons" text,
	"alternative_advice" text,
	"eligibility_decided_by_user_id" uuid,
	"parents_explained_on" date,
	"parents_explained_how" text,
	"parents_explained_by_user_id" uuid,
	"ended_on" date,
	"end_reason" text,
	"diploma_obtained" boolean,
	"diploma_level" text,
	"next_destination" text,
	"ended_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "trajectories" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "trajectory_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"contact_on" date NOT NULL,
	"party" text NOT NULL,
	"party_name" text DEFAULT '' NOT NULL,
	"channel" text NOT NULL,
	"summary" text NOT NULL,
	"follow_up" text,
	"follow_up_owner_user_id" uuid,
	"follow_up_done_at" timestamp with time zone,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "trajectory_contacts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "trajectory_reminders" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"object_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trajectory_reminders_kind_object_id_user_id_pk" PRIMARY KEY("kind","object_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "trajectory_reminders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "zat_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"referred_on" date NOT NULL,
	"agency_kind" text NOT NULL,
	"reason" text NOT NULL,
	"parental_consent" text DEFAULT 'pending' NOT NULL,
	"consent_recorded_on" date,
	"zat_discussed_on" date,
	"zat_discussion" text,
	"outcome" text,
	"outcome_on" date,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "zat_referrals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "attendance_expectations" ADD CONSTRAINT "attendance_expectations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_expectations" ADD CONSTRAINT "attendance_expectations_trajectory_id_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD CONSTRAINT "attendance_visits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD CONSTRAINT "attendance_visits_trajectory_id_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD CONSTRAINT "attendance_visits_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD CONSTRAINT "attendance_visits_checked_in_by_user_id_users_id_fk" FOREIGN KEY ("checked_in_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD CONSTRAINT "attendance_visits_checked_out_by_user_id_users_id_fk" FOREIGN KEY ("checked_out_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework_items" ADD CONSTRAINT "homework_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework_items" ADD CONSTRAINT "homework_items_trajectory_id_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework_items" ADD CONSTRAINT "homework_items_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework_sessions" ADD CONSTRAINT "homework_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework_sessions" ADD CONSTRAINT "homework_sessions_homework_item_id_homework_items_id_fk" FOREIGN KEY ("homework_item_id") REFERENCES "public"."homework_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework_sessions" ADD CONSTRAINT "homework_sessions_checked_by_user_id_users_id_fk" FOREIGN KEY ("checked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_evaluations" ADD CONSTRAINT "opp_evaluations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_evaluations" ADD CONSTRAINT "opp_evaluations_trajectory_id_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_evaluations" ADD CONSTRAINT "opp_evaluations_opp_version_id_opp_versions_id_fk" FOREIGN KEY ("opp_version_id") REFERENCES "public"."opp_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_evaluations" ADD CONSTRAINT "opp_evaluations_evaluated_by_user_id_users_id_fk" FOREIGN KEY ("evaluated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_parent_links" ADD CONSTRAINT "opp_parent_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_parent_links" ADD CONSTRAINT "opp_parent_links_trajectory_id_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_parent_links" ADD CONSTRAINT "opp_parent_links_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_versions" ADD CONSTRAINT "opp_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_versions" ADD CONSTRAINT "opp_versions_trajectory_id_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_versions" ADD CONSTRAINT "opp_versions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_versions" ADD CONSTRAINT "opp_versions_adopted_by_user_id_users_id_fk" FOREIGN KEY ("adopted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_support_activities" ADD CONSTRAINT "teacher_support_activities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_support_activities" ADD CONSTRAINT "teacher_support_activities_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_support_activities" ADD CONSTRAINT "teacher_support_activities_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_mentor_user_id_users_id_fk" FOREIGN KEY ("mentor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_signalled_by_user_id_users_id_fk" FOREIGN KEY ("signalled_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_discussed_by_user_id_users_id_fk" FOREIGN KEY ("discussed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_parents_contacted_by_user_id_users_id_fk" FOREIGN KEY ("parents_contacted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_eligibility_decided_by_user_id_users_id_fk" FOREIGN KEY ("eligibility_decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_parents_explained_by_user_id_users_id_fk" FOREIGN KEY ("parents_explained_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_ended_by_user_id_users_id_fk" FOREIGN KEY ("ended_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_contacts" ADD CONSTRAINT "trajectory_contacts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_contacts" ADD CONSTRAINT "trajectory_contacts_trajectory_id_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_contacts" ADD CONSTRAINT "trajectory_contacts_follow_up_owner_user_id_users_id_fk" FOREIGN KEY ("follow_up_owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_contacts" ADD CONSTRAINT "trajectory_contacts_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_reminders" ADD CONSTRAINT "trajectory_reminders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_reminders" ADD CONSTRAINT "trajectory_reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zat_referrals" ADD CONSTRAINT "zat_referrals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zat_referrals" ADD CONSTRAINT "zat_referrals_trajectory_id_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zat_referrals" ADD CONSTRAINT "zat_referrals_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_expectations_trajectory_idx" ON "attendance_expectations" USING btree ("trajectory_id");--> statement-breakpoint
CREATE INDEX "attendance_expectations_tenant_weekday_idx" ON "attendance_expectations" USING btree ("tenant_id","weekday");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_visits_one_open" ON "attendance_visits" USING btree ("trajectory_id") WHERE "attendance_visits"."checked_out_at" is null;--> statement-breakpoint
CREATE INDEX "attendance_visits_trajectory_idx" ON "attendance_visits" USING btree ("trajectory_id","checked_in_at");--> statement-breakpoint
CREATE INDEX "attendance_visits_location_idx" ON "attendance_visits" USING btree ("location_id","checked_in_at");--> statement-breakpoint
CREATE INDEX "attendance_visits_in_by_idx" ON "attendance_visits" USING btree ("checked_in_by_user_id");--> statement-breakpoint
CREATE INDEX "attendance_visits_out_by_idx" ON "attendance_visits" USING btree ("checked_out_by_user_id");--> statement-breakpoint
CREATE INDEX "homework_items_trajectory_idx" ON "homework_items" USING btree ("trajectory_id","due_on");--> statement-breakpoint
CREATE INDEX "homework_items_created_by_idx" ON "homework_items" USING btree ("created_by_user_id");--> statement-breakpoint
CREATE INDEX "homework_sessions_item_idx" ON "homework_sessions" USING btree ("homework_item_id","planned_on");--> statement-breakpoint
CREATE INDEX "homework_sessions_checked_by_idx" ON "homework_sessions" USING btree ("checked_by_user_id");--> statement-breakpoint
CREATE INDEX "opp_evaluations_trajectory_idx" ON "opp_evaluations" USING btree ("trajectory_id","evaluated_on");--> statement-breakpoint
CREATE INDEX "opp_evaluations_version_idx" ON "opp_evaluations" USING btree ("opp_version_id");--> statement-breakpoint
CREATE INDEX "opp_evaluations_by_idx" ON "opp_evaluations" USING btree ("evaluated_by_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opp_parent_links_token_hash_unique" ON "opp_parent_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "opp_parent_links_trajectory_idx" ON "opp_parent_links" USING btree ("trajectory_id");--> statement-breakpoint
CREATE INDEX "opp_parent_links_created_by_idx" ON "opp_parent_links" USING btree ("created_by_user_id");--> statement-breakpoint
CREATE INDEX "opp_parent_links_tenant_idx" ON "opp_parent_links" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opp_versions_trajectory_version_unique" ON "opp_versions" USING btree ("trajectory_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "opp_versions_one_draft" ON "opp_versions" USING btree ("trajectory_id") WHERE "opp_versions"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "opp_versions_tenant_status_idx" ON "opp_versions" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "opp_versions_created_by_idx" ON "opp_versions" USING btree ("created_by_user_id");--> statement-breakpoint
CREATE INDEX "opp_versions_adopted_by_idx" ON "opp_versions" USING btree ("adopted_by_user_id");--> statement-breakpoint
CREATE INDEX "teacher_support_location_idx" ON "teacher_support_activities" USING btree ("location_id","occurred_on");--> statement-breakpoint
CREATE INDEX "teacher_support_created_by_idx" ON "teacher_support_activities" USING btree ("created_by_user_id");--> statement-breakpoint
CREATE INDEX "trajectories_location_status_idx" ON "trajectories" USING btree ("location_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "trajectories_tenant_status_idx" ON "trajectories" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "trajectories_mentor_idx" ON "trajectories" USING btree ("mentor_user_id");--> statement-breakpoint
CREATE INDEX "trajectories_signalled_by_idx" ON "trajectories" USING btree ("signalled_by_user_id","created_at");--> statement-breakpoint
CREATE INDEX "trajectories_location_signalled_idx" ON "trajectories" USING btree ("location_id","created_at");--> statement-breakpoint
CREATE INDEX "trajectories_discussed_by_idx" ON "trajectories" USING btree ("discussed_by_user_id");--> statement-breakpoint
CREATE INDEX "trajectories_parents_contacted_by_idx" ON "trajectories" USING btree ("parents_contacted_by_user_id");--> statement-breakpoint
CREATE INDEX "trajectories_decided_by_idx" ON "trajectories" USING btree ("eligibility_decided_by_user_id");--> statement-breakpoint
CREATE INDEX "trajectories_explained_by_idx" ON "trajectories" USING btree ("parents_explained_by_user_id");--> statement-breakpoint
CREATE INDEX "trajectories_ended_by_idx" ON "trajectories" USING btree ("ended_by_user_id");--> statement-breakpoint
CREATE INDEX "trajectory_contacts_trajectory_idx" ON "trajectory_contacts" USING btree ("trajectory_id","contact_on");--> statement-breakpoint
CREATE INDEX "trajectory_contacts_owner_idx" ON "trajectory_contacts" USING btree ("follow_up_owner_user_id");--> statement-breakpoint
CREATE INDEX "trajectory_contacts_created_by_idx" ON "trajectory_contacts" USING btree ("created_by_user_id");--> statement-breakpoint
CREATE INDEX "trajectory_reminders_user_idx" ON "trajectory_reminders" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "trajectory_reminders_tenant_idx" ON "trajectory_reminders" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "zat_referrals_trajectory_idx" ON "zat_referrals" USING btree ("trajectory_id","referred_on");--> statement-breakpoint
CREATE INDEX "zat_referrals_tenant_pending_idx" ON "zat_referrals" USING btree ("tenant_id","outcome_on");--> statement-breakpoint
CREATE INDEX "zat_referrals_created_by_idx" ON "zat_referrals" USING btree ("created_by_user_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "attendance_expectations" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "attendance_visits" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "homework_items" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "homework_sessions" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "opp_evaluations" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "opp_parent_links" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "opp_versions" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "teacher_support_activities" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "trajectories" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "trajectory_contacts" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "trajectory_reminders" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "zat_referrals" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);