-- Two references over (tenant_id, id) let go of their row when it is deleted. Drizzle writes
-- ON DELETE SET NULL, which would null tenant_id too (NOT NULL: the delete would fail); PostgreSQL 15
-- can name the column to clear, which keeps the row in its partnership (P6).
ALTER TABLE "time_entries" DROP CONSTRAINT "time_entries_request_id_fk";
--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_request_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."support_requests"("tenant_id","id") ON DELETE SET NULL ("request_id") ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "meeting_action_items" DROP CONSTRAINT "meeting_action_items_followed_up_in_meeting_id_fk";
--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_followed_up_in_meeting_id_fk" FOREIGN KEY ("tenant_id","followed_up_in_meeting_id") REFERENCES "public"."meetings"("tenant_id","id") ON DELETE SET NULL ("followed_up_in_meeting_id") ON UPDATE NO ACTION;
