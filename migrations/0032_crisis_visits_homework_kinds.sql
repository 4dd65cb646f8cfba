ALTER TABLE "attendance_visits" ALTER COLUMN "trajectory_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD COLUMN "pupil_first_name" text;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD COLUMN "pupil_last_name" text;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD COLUMN "pupil_class" text;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD COLUMN "signalled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD COLUMN "signalled_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "homework_sessions" ADD COLUMN "kind" text DEFAULT 'work' NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD CONSTRAINT "attendance_visits_signalled_by_user_id_fk" FOREIGN KEY ("tenant_id","signalled_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_visits_without_trajectory_idx" ON "attendance_visits" USING btree ("location_id","checked_in_at") WHERE "attendance_visits"."trajectory_id" is null;--> statement-breakpoint
CREATE INDEX "attendance_visits_unlinked_in_idx" ON "attendance_visits" USING btree ("checked_in_at") WHERE "attendance_visits"."trajectory_id" is null and "attendance_visits"."pupil_last_name" is not null;--> statement-breakpoint
CREATE INDEX "attendance_visits_signalled_by_idx" ON "attendance_visits" USING btree ("signalled_by_user_id");--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD CONSTRAINT "attendance_visits_without_trajectory" CHECK ("attendance_visits"."trajectory_id" is not null or "attendance_visits"."reason" = 'crisis');