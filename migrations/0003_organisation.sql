CREATE TABLE "expertise_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"room" text DEFAULT '' NOT NULL,
	"opening_hours" text DEFAULT '' NOT NULL,
	"offers_homework_support" boolean DEFAULT false NOT NULL,
	"public_description" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "expertise_points" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pupil_counts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"school_year" integer NOT NULL,
	"pupils" integer NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pupil_counts_location_year_unique" UNIQUE("location_id","school_year"),
	CONSTRAINT "pupil_counts_not_negative" CHECK ("pupil_counts"."pupils" >= 0)
);
--> statement-breakpoint
ALTER TABLE "pupil_counts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "school_boards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_boards_code_unique" UNIQUE("tenant_id","code")
);
--> statement-breakpoint
ALTER TABLE "school_boards" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "expertise_tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expertise_tags_name_unique" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
ALTER TABLE "expertise_tags" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "school_team_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"team_role" text NOT NULL,
	"is_contact" boolean NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_team_assignments_order" CHECK ("school_team_assignments"."valid_to" is null or "school_team_assignments"."valid_to" > "school_team_assignments"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "school_team_assignments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "team_member_absences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	CONSTRAINT "team_member_absences_order" CHECK ("team_member_absences"."ends_on" >= "team_member_absences"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "team_member_absences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "team_member_hours" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"school_year" integer NOT NULL,
	"contracted_hours" numeric(7, 2) NOT NULL,
	CONSTRAINT "team_member_hours_user_id_school_year_pk" PRIMARY KEY("user_id","school_year"),
	CONSTRAINT "team_member_hours_not_negative" CHECK ("team_member_hours"."contracted_hours" >= 0)
);
--> statement-breakpoint
ALTER TABLE "team_member_hours" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "team_member_tags" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"tag_id" uuid NOT NULL,
	CONSTRAINT "team_member_tags_user_id_tag_id_pk" PRIMARY KEY("user_id","tag_id")
);
--> statement-breakpoint
ALTER TABLE "team_member_tags" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "team_members" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"left_on" date,
	"show_expertise" boolean DEFAULT true NOT NULL,
	"show_schools" boolean DEFAULT true NOT NULL,
	"show_photo" boolean DEFAULT false NOT NULL,
	"photo_data_url" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "team_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "board_id" uuid;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "street" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "house_number" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "postal_code" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "active_from" date;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "active_to" date;--> statement-breakpoint
ALTER TABLE "expertise_points" ADD CONSTRAINT "expertise_points_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expertise_points" ADD CONSTRAINT "expertise_points_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_counts" ADD CONSTRAINT "pupil_counts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_counts" ADD CONSTRAINT "pupil_counts_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_boards" ADD CONSTRAINT "school_boards_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expertise_tags" ADD CONSTRAINT "expertise_tags_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_team_assignments" ADD CONSTRAINT "school_team_assignments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_team_assignments" ADD CONSTRAINT "school_team_assignments_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_team_assignments" ADD CONSTRAINT "school_team_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member_absences" ADD CONSTRAINT "team_member_absences_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member_absences" ADD CONSTRAINT "team_member_absences_user_id_team_members_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."team_members"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member_hours" ADD CONSTRAINT "team_member_hours_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member_hours" ADD CONSTRAINT "team_member_hours_user_id_team_members_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."team_members"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member_tags" ADD CONSTRAINT "team_member_tags_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member_tags" ADD CONSTRAINT "team_member_tags_user_id_team_members_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."team_members"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member_tags" ADD CONSTRAINT "team_member_tags_tag_id_expertise_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."expertise_tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "expertise_points_location_unique" ON "expertise_points" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "expertise_points_tenant_idx" ON "expertise_points" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "pupil_counts_tenant_year_idx" ON "pupil_counts" USING btree ("tenant_id","school_year");--> statement-breakpoint
CREATE UNIQUE INDEX "school_team_one_open_per_role" ON "school_team_assignments" USING btree ("location_id","team_role") WHERE "school_team_assignments"."valid_to" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "school_team_one_open_contact" ON "school_team_assignments" USING btree ("location_id") WHERE "school_team_assignments"."is_contact" and "school_team_assignments"."valid_to" is null;--> statement-breakpoint
CREATE INDEX "school_team_assignments_location_idx" ON "school_team_assignments" USING btree ("location_id","valid_from");--> statement-breakpoint
CREATE INDEX "school_team_assignments_user_idx" ON "school_team_assignments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "school_team_assignments_tenant_idx" ON "school_team_assignments" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "team_member_absences_user_idx" ON "team_member_absences" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "team_member_absences_tenant_idx" ON "team_member_absences" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "team_member_hours_tenant_idx" ON "team_member_hours" USING btree ("tenant_id","school_year");--> statement-breakpoint
CREATE INDEX "team_member_tags_tag_idx" ON "team_member_tags" USING btree ("tag_id");--> statement-breakpoint
CREATE INDEX "team_member_tags_tenant_idx" ON "team_member_tags" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "team_members_tenant_idx" ON "team_members" USING btree ("tenant_id");--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_board_id_school_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."school_boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "locations_tenant_sector_idx" ON "locations" USING btree ("tenant_id","sector");--> statement-breakpoint
CREATE INDEX "locations_board_idx" ON "locations" USING btree ("board_id");--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_active_order" CHECK ("locations"."active_to" is null or "locations"."active_from" is null or "locations"."active_to" >= "locations"."active_from");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "expertise_points" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pupil_counts" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "school_boards" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "expertise_tags" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "school_team_assignments" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "team_member_absences" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "team_member_hours" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "team_member_tags" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "team_members" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);