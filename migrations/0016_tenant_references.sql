ALTER TABLE "expertise_points" DROP CONSTRAINT "expertise_points_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "allocation_lines" DROP CONSTRAINT "allocation_lines_allocation_id_allocations_id_fk";
--> statement-breakpoint
ALTER TABLE "allocation_lines" DROP CONSTRAINT "allocation_lines_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "allocations" DROP CONSTRAINT "allocations_created_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "allocations" DROP CONSTRAINT "allocations_adopted_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "budget_warnings" DROP CONSTRAINT "budget_warnings_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "closed_periods" DROP CONSTRAINT "closed_periods_closed_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "historical_request_counts" DROP CONSTRAINT "historical_request_counts_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "time_entries" DROP CONSTRAINT "time_entries_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "time_entries" DROP CONSTRAINT "time_entries_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "time_entries" DROP CONSTRAINT "time_entries_request_id_support_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "time_entries" DROP CONSTRAINT "time_entries_created_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "calendar_feeds" DROP CONSTRAINT "calendar_feeds_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "meeting_action_items" DROP CONSTRAINT "meeting_action_items_meeting_id_meetings_id_fk";
--> statement-breakpoint
ALTER TABLE "meeting_action_items" DROP CONSTRAINT "meeting_action_items_owner_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "meeting_action_items" DROP CONSTRAINT "meeting_action_items_followed_up_in_meeting_id_meetings_id_fk";
--> statement-breakpoint
ALTER TABLE "meeting_participants" DROP CONSTRAINT "meeting_participants_meeting_id_meetings_id_fk";
--> statement-breakpoint
ALTER TABLE "meeting_participants" DROP CONSTRAINT "meeting_participants_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "meeting_reminders" DROP CONSTRAINT "meeting_reminders_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "meeting_wanted_tags" DROP CONSTRAINT "meeting_wanted_tags_meeting_id_meetings_id_fk";
--> statement-breakpoint
ALTER TABLE "meeting_wanted_tags" DROP CONSTRAINT "meeting_wanted_tags_tag_id_expertise_tags_id_fk";
--> statement-breakpoint
ALTER TABLE "meetings" DROP CONSTRAINT "meetings_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "meetings" DROP CONSTRAINT "meetings_decided_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "meetings" DROP CONSTRAINT "meetings_created_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "consent_links" DROP CONSTRAINT "consent_links_request_id_support_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "consent_links" DROP CONSTRAINT "consent_links_person_id_request_people_id_fk";
--> statement-breakpoint
ALTER TABLE "consent_links" DROP CONSTRAINT "consent_links_sent_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "consent_records" DROP CONSTRAINT "consent_records_request_id_support_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "consent_records" DROP CONSTRAINT "consent_records_person_id_request_people_id_fk";
--> statement-breakpoint
ALTER TABLE "consent_records" DROP CONSTRAINT "consent_records_recorded_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "consent_records" DROP CONSTRAINT "consent_records_attachment_id_request_attachments_id_fk";
--> statement-breakpoint
ALTER TABLE "consent_records" DROP CONSTRAINT "consent_records_link_id_consent_links_id_fk";
--> statement-breakpoint
ALTER TABLE "request_attachments" DROP CONSTRAINT "request_attachments_request_id_support_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "request_attachments" DROP CONSTRAINT "request_attachments_message_id_request_messages_id_fk";
--> statement-breakpoint
ALTER TABLE "request_attachments" DROP CONSTRAINT "request_attachments_uploaded_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "request_events" DROP CONSTRAINT "request_events_request_id_support_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "request_events" DROP CONSTRAINT "request_events_actor_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "request_messages" DROP CONSTRAINT "request_messages_request_id_support_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "request_messages" DROP CONSTRAINT "request_messages_author_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "request_people" DROP CONSTRAINT "request_people_request_id_support_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "support_request_tags" DROP CONSTRAINT "support_request_tags_request_id_support_requests_id_fk";
--> statement-breakpoint
ALTER TABLE "support_request_tags" DROP CONSTRAINT "support_request_tags_tag_id_expertise_tags_id_fk";
--> statement-breakpoint
ALTER TABLE "support_requests" DROP CONSTRAINT "support_requests_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "support_requests" DROP CONSTRAINT "support_requests_assigned_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "support_requests" DROP CONSTRAINT "support_requests_created_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "support_requests" DROP CONSTRAINT "support_requests_parents_informed_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "locations" DROP CONSTRAINT "locations_board_id_school_boards_id_fk";
--> statement-breakpoint
ALTER TABLE "pupil_counts" DROP CONSTRAINT "pupil_counts_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "school_team_assignments" DROP CONSTRAINT "school_team_assignments_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "school_team_assignments" DROP CONSTRAINT "school_team_assignments_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "team_member_absences" DROP CONSTRAINT "team_member_absences_user_id_team_members_user_id_fk";
--> statement-breakpoint
ALTER TABLE "team_member_hours" DROP CONSTRAINT "team_member_hours_user_id_team_members_user_id_fk";
--> statement-breakpoint
ALTER TABLE "team_member_tags" DROP CONSTRAINT "team_member_tags_user_id_team_members_user_id_fk";
--> statement-breakpoint
ALTER TABLE "team_member_tags" DROP CONSTRAINT "team_member_tags_tag_id_expertise_tags_id_fk";
--> statement-breakpoint
ALTER TABLE "team_members" DROP CONSTRAINT "team_members_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "attendance_expectations" DROP CONSTRAINT "attendance_expectations_trajectory_id_trajectories_id_fk";
--> statement-breakpoint
ALTER TABLE "attendance_visits" DROP CONSTRAINT "attendance_visits_trajectory_id_trajectories_id_fk";
--> statement-breakpoint
ALTER TABLE "attendance_visits" DROP CONSTRAINT "attendance_visits_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "attendance_visits" DROP CONSTRAINT "attendance_visits_checked_in_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "attendance_visits" DROP CONSTRAINT "attendance_visits_checked_out_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "homework_items" DROP CONSTRAINT "homework_items_trajectory_id_trajectories_id_fk";
--> statement-breakpoint
ALTER TABLE "homework_items" DROP CONSTRAINT "homework_items_created_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "homework_sessions" DROP CONSTRAINT "homework_sessions_homework_item_id_homework_items_id_fk";
--> statement-breakpoint
ALTER TABLE "homework_sessions" DROP CONSTRAINT "homework_sessions_checked_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "opp_evaluations" DROP CONSTRAINT "opp_evaluations_trajectory_id_trajectories_id_fk";
--> statement-breakpoint
ALTER TABLE "opp_evaluations" DROP CONSTRAINT "opp_evaluations_opp_version_id_opp_versions_id_fk";
--> statement-breakpoint
ALTER TABLE "opp_evaluations" DROP CONSTRAINT "opp_evaluations_evaluated_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "opp_parent_links" DROP CONSTRAINT "opp_parent_links_trajectory_id_trajectories_id_fk";
--> statement-breakpoint
ALTER TABLE "opp_parent_links" DROP CONSTRAINT "opp_parent_links_created_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "opp_versions" DROP CONSTRAINT "opp_versions_trajectory_id_trajectories_id_fk";
--> statement-breakpoint
ALTER TABLE "opp_versions" DROP CONSTRAINT "opp_versions_created_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "opp_versions" DROP CONSTRAINT "opp_versions_adopted_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "teacher_support_activities" DROP CONSTRAINT "teacher_support_activities_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "teacher_support_activities" DROP CONSTRAINT "teacher_support_activities_created_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "trajectories" DROP CONSTRAINT "trajectories_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "trajectories" DROP CONSTRAINT "trajectories_mentor_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "trajectories" DROP CONSTRAINT "trajectories_signalled_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "trajectories" DROP CONSTRAINT "trajectories_discussed_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "trajectories" DROP CONSTRAINT "trajectories_parents_contacted_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "trajectories" DROP CONSTRAINT "trajectories_eligibility_decided_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "trajectories" DROP CONSTRAINT "trajectories_parents_explained_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "trajectories" DROP CONSTRAINT "trajectories_ended_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "trajectory_contacts" DROP CONSTRAINT "trajectory_contacts_trajectory_id_trajectories_id_fk";
--> statement-breakpoint
ALTER TABLE "trajectory_contacts" DROP CONSTRAINT "trajectory_contacts_follow_up_owner_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "trajectory_contacts" DROP CONSTRAINT "trajectory_contacts_created_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "trajectory_reminders" DROP CONSTRAINT "trajectory_reminders_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "zat_referrals" DROP CONSTRAINT "zat_referrals_trajectory_id_trajectories_id_fk";
--> statement-breakpoint
ALTER TABLE "zat_referrals" DROP CONSTRAINT "zat_referrals_created_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "recovery_codes" DROP CONSTRAINT "recovery_codes_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "role_assignments" DROP CONSTRAINT "role_assignments_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "role_assignments" DROP CONSTRAINT "role_assignments_location_id_locations_id_fk";
--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "user_tokens" DROP CONSTRAINT "user_tokens_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "expertise_points" ADD CONSTRAINT "expertise_points_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_lines" ADD CONSTRAINT "allocation_lines_allocation_id_fk" FOREIGN KEY ("tenant_id","allocation_id") REFERENCES "public"."allocations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_lines" ADD CONSTRAINT "allocation_lines_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_created_by_user_id_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_adopted_by_user_id_fk" FOREIGN KEY ("tenant_id","adopted_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_warnings" ADD CONSTRAINT "budget_warnings_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closed_periods" ADD CONSTRAINT "closed_periods_closed_by_user_id_fk" FOREIGN KEY ("tenant_id","closed_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "historical_request_counts" ADD CONSTRAINT "historical_request_counts_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_request_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."support_requests"("tenant_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_created_by_user_id_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_meeting_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."meetings"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_owner_user_id_fk" FOREIGN KEY ("tenant_id","owner_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_followed_up_in_meeting_id_fk" FOREIGN KEY ("tenant_id","followed_up_in_meeting_id") REFERENCES "public"."meetings"("tenant_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_meeting_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."meetings"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_reminders" ADD CONSTRAINT "meeting_reminders_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_wanted_tags" ADD CONSTRAINT "meeting_wanted_tags_meeting_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."meetings"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_wanted_tags" ADD CONSTRAINT "meeting_wanted_tags_tag_id_fk" FOREIGN KEY ("tenant_id","tag_id") REFERENCES "public"."expertise_tags"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_decided_by_user_id_fk" FOREIGN KEY ("tenant_id","decided_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_user_id_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_links" ADD CONSTRAINT "consent_links_request_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."support_requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_links" ADD CONSTRAINT "consent_links_person_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."request_people"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_links" ADD CONSTRAINT "consent_links_sent_by_user_id_fk" FOREIGN KEY ("tenant_id","sent_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_request_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."support_requests"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_person_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."request_people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_recorded_by_user_id_fk" FOREIGN KEY ("tenant_id","recorded_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_attachment_id_fk" FOREIGN KEY ("tenant_id","attachment_id") REFERENCES "public"."request_attachments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_link_id_fk" FOREIGN KEY ("tenant_id","link_id") REFERENCES "public"."consent_links"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_request_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."support_requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_message_id_fk" FOREIGN KEY ("tenant_id","message_id") REFERENCES "public"."request_messages"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_attachments" ADD CONSTRAINT "request_attachments_uploaded_by_user_id_fk" FOREIGN KEY ("tenant_id","uploaded_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."support_requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_actor_user_id_fk" FOREIGN KEY ("tenant_id","actor_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_messages" ADD CONSTRAINT "request_messages_request_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."support_requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_messages" ADD CONSTRAINT "request_messages_author_user_id_fk" FOREIGN KEY ("tenant_id","author_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_people" ADD CONSTRAINT "request_people_request_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."support_requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request_tags" ADD CONSTRAINT "support_request_tags_request_id_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."support_requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request_tags" ADD CONSTRAINT "support_request_tags_tag_id_fk" FOREIGN KEY ("tenant_id","tag_id") REFERENCES "public"."expertise_tags"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_assigned_user_id_fk" FOREIGN KEY ("tenant_id","assigned_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_created_by_user_id_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_parents_informed_by_user_id_fk" FOREIGN KEY ("tenant_id","parents_informed_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_board_id_fk" FOREIGN KEY ("tenant_id","board_id") REFERENCES "public"."school_boards"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_counts" ADD CONSTRAINT "pupil_counts_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_team_assignments" ADD CONSTRAINT "school_team_assignments_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_team_assignments" ADD CONSTRAINT "school_team_assignments_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member_absences" ADD CONSTRAINT "team_member_absences_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."team_members"("tenant_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member_hours" ADD CONSTRAINT "team_member_hours_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."team_members"("tenant_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member_tags" ADD CONSTRAINT "team_member_tags_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."team_members"("tenant_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member_tags" ADD CONSTRAINT "team_member_tags_tag_id_fk" FOREIGN KEY ("tenant_id","tag_id") REFERENCES "public"."expertise_tags"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_expectations" ADD CONSTRAINT "attendance_expectations_trajectory_id_fk" FOREIGN KEY ("tenant_id","trajectory_id") REFERENCES "public"."trajectories"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD CONSTRAINT "attendance_visits_trajectory_id_fk" FOREIGN KEY ("tenant_id","trajectory_id") REFERENCES "public"."trajectories"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD CONSTRAINT "attendance_visits_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD CONSTRAINT "attendance_visits_checked_in_by_user_id_fk" FOREIGN KEY ("tenant_id","checked_in_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_visits" ADD CONSTRAINT "attendance_visits_checked_out_by_user_id_fk" FOREIGN KEY ("tenant_id","checked_out_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework_items" ADD CONSTRAINT "homework_items_trajectory_id_fk" FOREIGN KEY ("tenant_id","trajectory_id") REFERENCES "public"."trajectories"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework_items" ADD CONSTRAINT "homework_items_created_by_user_id_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework_sessions" ADD CONSTRAINT "homework_sessions_homework_item_id_fk" FOREIGN KEY ("tenant_id","homework_item_id") REFERENCES "public"."homework_items"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homework_sessions" ADD CONSTRAINT "homework_sessions_checked_by_user_id_fk" FOREIGN KEY ("tenant_id","checked_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_evaluations" ADD CONSTRAINT "opp_evaluations_trajectory_id_fk" FOREIGN KEY ("tenant_id","trajectory_id") REFERENCES "public"."trajectories"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_evaluations" ADD CONSTRAINT "opp_evaluations_opp_version_id_fk" FOREIGN KEY ("tenant_id","opp_version_id") REFERENCES "public"."opp_versions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_evaluations" ADD CONSTRAINT "opp_evaluations_evaluated_by_user_id_fk" FOREIGN KEY ("tenant_id","evaluated_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_parent_links" ADD CONSTRAINT "opp_parent_links_trajectory_id_fk" FOREIGN KEY ("tenant_id","trajectory_id") REFERENCES "public"."trajectories"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_parent_links" ADD CONSTRAINT "opp_parent_links_created_by_user_id_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_versions" ADD CONSTRAINT "opp_versions_trajectory_id_fk" FOREIGN KEY ("tenant_id","trajectory_id") REFERENCES "public"."trajectories"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_versions" ADD CONSTRAINT "opp_versions_created_by_user_id_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opp_versions" ADD CONSTRAINT "opp_versions_adopted_by_user_id_fk" FOREIGN KEY ("tenant_id","adopted_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_support_activities" ADD CONSTRAINT "teacher_support_activities_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_support_activities" ADD CONSTRAINT "teacher_support_activities_created_by_user_id_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_mentor_user_id_fk" FOREIGN KEY ("tenant_id","mentor_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_signalled_by_user_id_fk" FOREIGN KEY ("tenant_id","signalled_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_discussed_by_user_id_fk" FOREIGN KEY ("tenant_id","discussed_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_parents_contacted_by_user_id_fk" FOREIGN KEY ("tenant_id","parents_contacted_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_eligibility_decided_by_user_id_fk" FOREIGN KEY ("tenant_id","eligibility_decided_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_parents_explained_by_user_id_fk" FOREIGN KEY ("tenant_id","parents_explained_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_ended_by_user_id_fk" FOREIGN KEY ("tenant_id","ended_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_contacts" ADD CONSTRAINT "trajectory_contacts_trajectory_id_fk" FOREIGN KEY ("tenant_id","trajectory_id") REFERENCES "public"."trajectories"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_contacts" ADD CONSTRAINT "trajectory_contacts_follow_up_owner_user_id_fk" FOREIGN KEY ("tenant_id","follow_up_owner_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_contacts" ADD CONSTRAINT "trajectory_contacts_created_by_user_id_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_reminders" ADD CONSTRAINT "trajectory_reminders_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zat_referrals" ADD CONSTRAINT "zat_referrals_trajectory_id_fk" FOREIGN KEY ("tenant_id","trajectory_id") REFERENCES "public"."trajectories"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zat_referrals" ADD CONSTRAINT "zat_referrals_created_by_user_id_fk" FOREIGN KEY ("tenant_id","created_by_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_location_id_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;