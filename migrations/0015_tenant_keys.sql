ALTER TABLE "allocations" ADD CONSTRAINT "allocations_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "consent_links" ADD CONSTRAINT "consent_links_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "request_messages" ADD CONSTRAINT "request_messages_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "request_people" ADD CONSTRAINT "request_people_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "school_boards" ADD CONSTRAINT "school_boards_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "expertise_tags" ADD CONSTRAINT "expertise_tags_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_tenant_key" UNIQUE("tenant_id","user_id");--> statement-breakpoint
ALTER TABLE "homework_items" ADD CONSTRAINT "homework_items_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "opp_versions" ADD CONSTRAINT "opp_versions_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_tenant_key" UNIQUE("tenant_id","id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_key" UNIQUE("tenant_id","id");