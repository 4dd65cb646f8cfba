ALTER TABLE "role_assignments" DROP CONSTRAINT "role_assignments_unique";--> statement-breakpoint
ALTER TABLE "role_assignments" ADD COLUMN "board_id" uuid;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_board_id_fk" FOREIGN KEY ("tenant_id","board_id") REFERENCES "public"."school_boards"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "role_assignments_board_idx" ON "role_assignments" USING btree ("board_id");--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_unique" UNIQUE NULLS NOT DISTINCT("user_id","role","location_id","board_id");--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_board" CHECK (("role_assignments"."role" = 'board') = ("role_assignments"."board_id" is not null));