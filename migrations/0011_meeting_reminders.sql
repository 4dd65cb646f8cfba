CREATE TABLE "meeting_reminders" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"object_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_reminders_kind_object_id_user_id_pk" PRIMARY KEY("kind","object_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "meeting_reminders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "meeting_reminders" ADD CONSTRAINT "meeting_reminders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_reminders" ADD CONSTRAINT "meeting_reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_reminders_user_idx" ON "meeting_reminders" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "meeting_reminders_tenant_idx" ON "meeting_reminders" USING btree ("tenant_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "meeting_reminders" AS PERMISSIVE FOR ALL TO "passend_app" USING ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);