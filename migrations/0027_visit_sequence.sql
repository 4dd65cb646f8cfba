ALTER TABLE "attendance_visits" ADD COLUMN "previous_reason_visit_at" timestamp with time zone;--> statement-breakpoint
-- A visit's previous visit for the same reason, kept by the database for every insert however it is
-- made (a check-in, demo data, a bulk load in any order): before the row, the latest earlier visit of
-- the pupil for that reason (an equal time counts as earlier, so of two visits at the same moment one
-- is the first); after the statement, the later visits whose previous one was earlier than the new row
-- move up to it. Together every visit ends with the latest earlier check-in, whatever the insert order.
CREATE FUNCTION passend_visit_previous_before() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
BEGIN
  SELECT max(v.checked_in_at) INTO NEW.previous_reason_visit_at
  FROM attendance_visits v
  WHERE v.trajectory_id = NEW.trajectory_id AND v.reason = NEW.reason
    AND v.checked_in_at <= NEW.checked_in_at AND v.id <> NEW.id;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE FUNCTION passend_visit_previous_after() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
BEGIN
  UPDATE attendance_visits v SET previous_reason_visit_at = NEW.checked_in_at
  WHERE v.trajectory_id = NEW.trajectory_id AND v.reason = NEW.reason
    AND v.checked_in_at > NEW.checked_in_at
    AND (v.previous_reason_visit_at IS NULL OR v.previous_reason_visit_at < NEW.checked_in_at);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The sequence rests on a visit's pupil, reason and check-in never changing once recorded (no use case
-- changes them); the database refuses it, so the figures cannot drift from the visits. The one change
-- allowed: a visit without a trajectory (crisis care before a signal) is linked to the trajectory made
-- from it, and then takes its place in that trajectory's sequence as an insert would.
CREATE FUNCTION passend_visit_refuse_move() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
BEGIN
  RAISE EXCEPTION 'a visit''s pupil, reason and check-in are fixed once recorded';
END
$$;
--> statement-breakpoint
CREATE TRIGGER attendance_visits_previous_before BEFORE INSERT ON attendance_visits
  FOR EACH ROW EXECUTE FUNCTION passend_visit_previous_before();
--> statement-breakpoint
CREATE TRIGGER attendance_visits_previous_after AFTER INSERT ON attendance_visits
  FOR EACH ROW EXECUTE FUNCTION passend_visit_previous_after();
--> statement-breakpoint
CREATE TRIGGER attendance_visits_linked_before BEFORE UPDATE OF trajectory_id ON attendance_visits
  FOR EACH ROW WHEN (OLD.trajectory_id IS NULL AND NEW.trajectory_id IS NOT NULL)
  EXECUTE FUNCTION passend_visit_previous_before();
--> statement-breakpoint
CREATE TRIGGER attendance_visits_linked_after AFTER UPDATE OF trajectory_id ON attendance_visits
  FOR EACH ROW WHEN (OLD.trajectory_id IS NULL AND NEW.trajectory_id IS NOT NULL)
  EXECUTE FUNCTION passend_visit_previous_after();
--> statement-breakpoint
CREATE TRIGGER attendance_visits_fixed BEFORE UPDATE OF trajectory_id, reason, checked_in_at ON attendance_visits
  FOR EACH ROW WHEN ((OLD.trajectory_id IS NOT NULL AND OLD.trajectory_id IS DISTINCT FROM NEW.trajectory_id)
    OR OLD.reason IS DISTINCT FROM NEW.reason OR OLD.checked_in_at IS DISTINCT FROM NEW.checked_in_at)
  EXECUTE FUNCTION passend_visit_refuse_move();
--> statement-breakpoint
-- The visits recorded so far, once, as their owner: row-level security binds the owner too (migration
-- 0019), so it is lifted for this statement only.
ALTER TABLE "attendance_visits" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
UPDATE attendance_visits v SET previous_reason_visit_at = s.previous
FROM (
  SELECT id, lag(checked_in_at) OVER (PARTITION BY trajectory_id, reason ORDER BY checked_in_at, id) AS previous
  FROM attendance_visits
) s
WHERE s.id = v.id AND s.previous IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "attendance_visits" FORCE ROW LEVEL SECURITY;
