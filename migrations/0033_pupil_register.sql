CREATE TABLE "pupil_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"school_year" integer NOT NULL,
	"class_name" text,
	"mentor_user_id" uuid,
	CONSTRAINT "pupil_enrolments_pupil_year_unique" UNIQUE("pupil_id","school_year")
);
--> statement-breakpoint
ALTER TABLE "pupil_enrolments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pupil_parents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"has_authority" boolean NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pupil_parents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pupils" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"name" text NOT NULL,
	"birth_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pupils_tenant_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "pupils" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "support_requests" ADD COLUMN "pupil_id" uuid;--> statement-breakpoint
ALTER TABLE "trajectories" ADD COLUMN "pupil_id" uuid;--> statement-breakpoint
ALTER TABLE "pupil_enrolments" ADD CONSTRAINT "pupil_enrolments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_enrolments" ADD CONSTRAINT "pupil_enrolments_pupil_id_fk" FOREIGN KEY ("tenant_id","pupil_id") REFERENCES "public"."pupils"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_enrolments" ADD CONSTRAINT "pupil_enrolments_mentor_user_id_fk" FOREIGN KEY ("tenant_id","mentor_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_parents" ADD CONSTRAINT "pupil_parents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_parents" ADD CONSTRAINT "pupil_parents_pupil_id_fk" FOREIGN KEY ("tenant_id","pupil_id") REFERENCES "public"."pupils"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupils" ADD CONSTRAINT "pupils_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupils" ADD CONSTRAINT "pupils_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pupil_enrolments_mentor_idx" ON "pupil_enrolments" USING btree ("mentor_user_id","school_year");--> statement-breakpoint
CREATE INDEX "pupil_enrolments_tenant_year_idx" ON "pupil_enrolments" USING btree ("tenant_id","school_year");--> statement-breakpoint
CREATE INDEX "pupil_parents_pupil_idx" ON "pupil_parents" USING btree ("pupil_id","position");--> statement-breakpoint
CREATE INDEX "pupil_parents_tenant_idx" ON "pupil_parents" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "pupils_location_name_idx" ON "pupils" USING btree ("location_id","name","id");--> statement-breakpoint
CREATE INDEX "pupils_tenant_birth_idx" ON "pupils" USING btree ("tenant_id","birth_date");--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_pupil_id_fk" FOREIGN KEY ("tenant_id","pupil_id") REFERENCES "public"."pupils"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_pupil_id_fk" FOREIGN KEY ("tenant_id","pupil_id") REFERENCES "public"."pupils"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_requests_pupil_idx" ON "support_requests" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "trajectories_pupil_idx" ON "trajectories" USING btree ("pupil_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pupil_enrolments" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pupil_parents" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pupils" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
-- Hand-added (Y1). Row-level security binds the owner too, as for every partnership table (migration 0019).
-- The new tables are forced at the end, after the existing requests and trajectories are linked to the
-- register: one register row per distinct name (as passend_name_key compares it) and birth date per
-- location, set-based. For those statements the forced tables they read are lifted, as in migration 0022.
ALTER TABLE "support_requests" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "request_people" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "trajectories" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
INSERT INTO "pupils" ("tenant_id", "location_id", "name", "birth_date", "created_at", "updated_at")
SELECT "tenant_id", "location_id", (array_agg("name" ORDER BY "created_at" DESC))[1], "birth_date",
  min("created_at"), max("created_at")
FROM (
  (SELECT DISTINCT ON (p."request_id") s."tenant_id", s."location_id", btrim(p."name") AS "name",
      p."birth_date", s."created_at"
    FROM "request_people" p JOIN "support_requests" s ON s."id" = p."request_id"
    WHERE p."kind" = 'pupil' ORDER BY p."request_id", p."position", p."id")
  UNION ALL
  SELECT t."tenant_id", t."location_id", btrim(t."pupil_first_name") || ' ' || btrim(t."pupil_last_name"),
    t."pupil_birth_date", t."created_at"
  FROM "trajectories" t
) "sources"
GROUP BY "tenant_id", "location_id", passend_name_key("name"), "birth_date";--> statement-breakpoint
UPDATE "support_requests" s SET "pupil_id" = pu."id"
FROM (SELECT DISTINCT ON ("request_id") "request_id", "name", "birth_date" FROM "request_people"
    WHERE "kind" = 'pupil' ORDER BY "request_id", "position", "id") p, "pupils" pu
WHERE p."request_id" = s."id" AND pu."tenant_id" = s."tenant_id" AND pu."location_id" = s."location_id"
  AND passend_name_key(pu."name") = passend_name_key(p."name")
  AND pu."birth_date" IS NOT DISTINCT FROM p."birth_date";--> statement-breakpoint
UPDATE "trajectories" t SET "pupil_id" = pu."id"
FROM "pupils" pu
WHERE pu."tenant_id" = t."tenant_id" AND pu."location_id" = t."location_id"
  AND passend_name_key(pu."name") = passend_name_key(btrim(t."pupil_first_name") || ' ' || btrim(t."pupil_last_name"))
  AND pu."birth_date" IS NOT DISTINCT FROM t."pupil_birth_date";--> statement-breakpoint
-- Class and mentor per school year: the latest known in that year (a trajectory's year is that of its signal).
INSERT INTO "pupil_enrolments" ("tenant_id", "pupil_id", "school_year", "class_name", "mentor_user_id")
SELECT "tenant_id", "pupil_id", "school_year",
  (array_agg("class_name" ORDER BY "created_at" DESC) FILTER (WHERE "class_name" IS NOT NULL))[1],
  (array_agg("mentor_user_id" ORDER BY "created_at" DESC) FILTER (WHERE "mentor_user_id" IS NOT NULL))[1]
FROM (
  SELECT "tenant_id", "pupil_id", "school_year", nullif(btrim("pupil_group"), '') AS "class_name",
    NULL::uuid AS "mentor_user_id", "created_at"
  FROM "support_requests" WHERE "pupil_id" IS NOT NULL
  UNION ALL
  SELECT "tenant_id", "pupil_id",
    extract(year from ("created_at" at time zone 'Europe/Amsterdam'))::int
      - CASE WHEN extract(month from ("created_at" at time zone 'Europe/Amsterdam')) < 8 THEN 1 ELSE 0 END,
    nullif(btrim("pupil_class"), ''), "mentor_user_id", "created_at"
  FROM "trajectories" WHERE "pupil_id" IS NOT NULL
) "enrolments"
GROUP BY "tenant_id", "pupil_id", "school_year";--> statement-breakpoint
-- The parents as the pupil's latest request names them.
INSERT INTO "pupil_parents" ("tenant_id", "pupil_id", "name", "email", "phone", "has_authority", "position")
SELECT p."tenant_id", latest."pupil_id", p."name", p."email", p."phone", coalesce(p."has_authority", false), p."position"
FROM (SELECT DISTINCT ON ("pupil_id") "pupil_id", "id" FROM "support_requests"
    WHERE "pupil_id" IS NOT NULL ORDER BY "pupil_id", "created_at" DESC, "id" DESC) latest
JOIN "request_people" p ON p."request_id" = latest."id" AND p."kind" = 'parent';--> statement-breakpoint
ALTER TABLE "support_requests" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "request_people" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "trajectories" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pupils" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pupil_enrolments" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pupil_parents" FORCE ROW LEVEL SECURITY;
