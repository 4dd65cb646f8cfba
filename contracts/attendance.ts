import { z } from 'zod';
import { dateSchema, pageSchema, paginationQuerySchema, storedDateSchema, textSchema } from './fields.ts';
import {
  homeworkChecks,
  homeworkKinds,
  homeworkSessionKinds,
  signalInputSchema,
  trajectoryStatuses,
  visitReasons,
} from './trajectories.ts';

/**
 * Daily use of the expertise point (E3, E7: expected times, check-in and check-out, overviews) and
 * homework support (E4, E8: items, planned work sessions, the VSO teacher's check).
 */

export const visitReasonSchema = z.enum(visitReasons);
export const homeworkKindSchema = z.enum(homeworkKinds);
export const homeworkCheckSchema = z.enum(homeworkChecks);
export const homeworkSessionKindSchema = z.enum(homeworkSessionKinds);

/** A wall-clock time in Amsterdam, "09:30". */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'invalid_time' });
/** An ISO week, "2026-W40". */
export const isoWeekSchema = z
  .string()
  .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, { message: 'invalid_week' });
const pupilSchema = z.object({
  trajectoryId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  className: z.string(),
});
const locationRefSchema = z.object({ id: z.uuid(), name: z.string() });

/** One weekly expected time at the expertise point (E3); weekday 1 = Monday … 5 = Friday. */
export const attendanceExpectationInputSchema = z.strictObject({
  weekday: z.number().int().min(1).max(5),
  startTime: clockTimeSchema,
  endTime: clockTimeSchema,
  reason: visitReasonSchema.default('planned'),
});
export type AttendanceExpectationInput = z.infer<typeof attendanceExpectationInputSchema>;

/** The pupil's whole weekly schedule: saving replaces the earlier one. */
export const attendanceExpectationsInputSchema = z.strictObject({
  expectations: z.array(attendanceExpectationInputSchema).max(15),
});
export type AttendanceExpectationsInput = z.infer<typeof attendanceExpectationsInputSchema>;

export const attendanceExpectationSchema = attendanceExpectationInputSchema.extend({ id: z.uuid() });
export type AttendanceExpectation = z.infer<typeof attendanceExpectationSchema>;

/**
 * A check-in. `time` registers a stay afterwards (today, not in the future); without it the check-in
 * is now. `locationId` is the expertise point the VSO teacher stands at (E3: the pupil's own).
 */
export const checkInInputSchema = z.strictObject({
  reason: visitReasonSchema,
  locationId: z.uuid().optional(),
  time: clockTimeSchema.nullable().default(null),
  note: textSchema(1000).nullable().default(null),
});
export type CheckInInput = z.infer<typeof checkInInputSchema>;

/** A check-out, now or at an explicit time on the day of the check-in. */
export const checkOutInputSchema = z.strictObject({
  time: clockTimeSchema.nullable().default(null),
  note: textSchema(1000).nullable().default(null),
});
export type CheckOutInput = z.infer<typeof checkOutInputSchema>;

export const attendanceVisitSchema = z.object({
  id: z.uuid(),
  /** Null for a crisis visit of a pupil without a trajectory (E7) that has not become a signal. */
  trajectoryId: z.uuid().nullable(),
  locationId: z.uuid(),
  reason: visitReasonSchema,
  checkedInAt: z.string(),
  checkedOutAt: z.string().nullable(),
  /** Whole minutes of a finished stay (or of today's open stay up to now); null for an open stay of an earlier day. */
  minutes: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type AttendanceVisit = z.infer<typeof attendanceVisitSchema>;

/**
 * Crisis care for a pupil of the school without a trajectory (E7: daily care, a safe place): the VSO
 * teacher takes the pupil in with name and class only. `time` registers it afterwards, as a check-in.
 */
export const crisisCheckInInputSchema = z.strictObject({
  locationId: z.uuid(),
  firstName: textSchema(100).min(1),
  lastName: textSchema(100).min(1),
  className: textSchema(20).min(1),
  time: clockTimeSchema.nullable().default(null),
  note: textSchema(1000).nullable().default(null),
});
export type CrisisCheckInInput = z.infer<typeof crisisCheckInInputSchema>;

/** A crisis visit without a trajectory, with the pupil's name and class. */
export const crisisVisitSchema = attendanceVisitSchema.extend({
  firstName: z.string(),
  lastName: z.string(),
  className: z.string(),
});
export type CrisisVisit = z.infer<typeof crisisVisitSchema>;

/**
 * Turning a crisis visit into a signal (E9): the signal's own fields; the location, the pupil's name
 * and class come from the visit, which is then linked to the new trajectory.
 */
export const crisisSignalInputSchema = signalInputSchema.omit({
  locationId: true,
  pupilFirstName: true,
  pupilLastName: true,
  pupilClass: true,
});
export type CrisisSignalInput = z.infer<typeof crisisSignalInputSchema>;

/** A pupil on today's screen: the expected times today and the open stay, if any. */
export const todayPupilSchema = pupilSchema.extend({
  expected: z.array(attendanceExpectationSchema.omit({ id: true, weekday: true })),
  openVisit: attendanceVisitSchema.nullable(),
  /** Stays already finished today. */
  visitsToday: z.number().int(),
});
export type TodayPupil = z.infer<typeof todayPupilSchema>;

export const todayQuerySchema = z.strictObject({ locationId: z.uuid().optional() });

/**
 * Today at one expertise point: the pupils expected today (E3) that are not there now, who is present
 * now, and the location's other active pupils (for a pupil who comes unplanned, e.g. in a crisis, E7).
 */
export const attendanceTodaySchema = z.object({
  date: storedDateSchema,
  location: locationRefSchema,
  /** The locations where this user checks pupils in: a picker when there are several. */
  locations: z.array(locationRefSchema),
  expected: z.array(todayPupilSchema),
  present: z.array(todayPupilSchema),
  others: z.array(pupilSchema),
  /** Today's crisis visits of pupils without a trajectory (E7), open ones first. */
  crisis: z.array(crisisVisitSchema),
});
export type AttendanceToday = z.infer<typeof attendanceTodaySchema>;

export const weekQuerySchema = paginationQuerySchema.extend({
  locationId: z.uuid().optional(),
  week: isoWeekSchema.optional(),
});
export type WeekQuery = z.infer<typeof weekQuerySchema>;

export const weekDaySchema = z.object({
  date: storedDateSchema,
  minutes: z.number().int(),
  visits: z.number().int(),
  reasons: z.array(visitReasonSchema),
  expected: z.boolean(),
});

export const weekRowSchema = pupilSchema.extend({
  status: z.enum(trajectoryStatuses),
  days: z.array(weekDaySchema),
  totalMinutes: z.number().int(),
});
export type WeekRow = z.infer<typeof weekRowSchema>;

/** The week at one expertise point: pupils × weekdays with minutes and reasons. */
export const attendanceWeekSchema = pageSchema(weekRowSchema).extend({
  week: isoWeekSchema,
  previousWeek: isoWeekSchema,
  nextWeek: isoWeekSchema,
  dates: z.array(storedDateSchema),
  location: locationRefSchema,
  locations: z.array(locationRefSchema),
  /** The week's crisis visits of pupils without a trajectory (E7), for whoever reads the whole point. */
  crisis: z.array(crisisVisitSchema),
});
export type AttendanceWeek = z.infer<typeof attendanceWeekSchema>;

export const periodQuerySchema = paginationQuerySchema.omit({ q: true }).extend({
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

/** A pupil's stays in a period with the totals per reason, and the weekly expected times. */
export const attendancePeriodSchema = pageSchema(attendanceVisitSchema).extend({
  from: storedDateSchema,
  to: storedDateSchema,
  totals: z.array(
    z.object({ reason: visitReasonSchema, visits: z.number().int(), minutes: z.number().int() }),
  ),
  totalMinutes: z.number().int(),
  expectations: z.array(attendanceExpectationSchema),
  /** Whether this user plans the expected times and checks the pupil in and out. */
  canManage: z.boolean(),
});
export type AttendancePeriod = z.infer<typeof attendancePeriodSchema>;

/** An assignment or a test with its deadline (E4). */
export const homeworkItemInputSchema = z.strictObject({
  kind: homeworkKindSchema,
  subject: textSchema(100).min(1),
  description: textSchema(2000).min(1),
  dueOn: dateSchema,
});
export type HomeworkItemInput = z.infer<typeof homeworkItemInputSchema>;

/**
 * A planned session on an item: on or before its deadline, and what to do then. A `work` session is
 * offered everywhere (E4); structuring and homework support only where the location offers them (E8).
 */
export const homeworkSessionInputSchema = z.strictObject({
  kind: homeworkSessionKindSchema.default('work'),
  plannedOn: dateSchema,
  plannedWork: textSchema(1000).min(1),
});
export type HomeworkSessionInput = z.infer<typeof homeworkSessionInputSchema>;

/** The VSO teacher's check of a session (E4). */
export const homeworkCheckInputSchema = z.strictObject({
  result: homeworkCheckSchema,
  note: textSchema(2000).nullable().default(null),
});
export type HomeworkCheckInput = z.infer<typeof homeworkCheckInputSchema>;

export const homeworkSessionSchema = z.object({
  id: z.uuid(),
  homeworkItemId: z.uuid(),
  kind: homeworkSessionKindSchema,
  plannedOn: storedDateSchema,
  plannedWork: z.string(),
  result: homeworkCheckSchema.nullable(),
  note: z.string().nullable(),
  checkedAt: z.string().nullable(),
  checkedByName: z.string().nullable(),
});
export type HomeworkSession = z.infer<typeof homeworkSessionSchema>;

export const homeworkItemSchema = z.object({
  id: z.uuid(),
  trajectoryId: z.uuid(),
  kind: homeworkKindSchema,
  subject: z.string(),
  description: z.string(),
  dueOn: storedDateSchema,
  createdAt: z.string(),
  sessions: z.array(homeworkSessionSchema),
});
export type HomeworkItem = z.infer<typeof homeworkItemSchema>;

export const homeworkQuerySchema = paginationQuerySchema.omit({ q: true }).extend({
  /** Only items due today or later. */
  upcoming: z.enum(['true', 'false']).optional(),
});
export type HomeworkQuery = z.infer<typeof homeworkQuerySchema>;

/**
 * A pupil's homework: the mentor reads it, the VSO teacher plans and checks it at every expertise
 * point (E4); `offersHomeworkSupport` says whether the location also offers structuring and homework
 * support sessions (E8).
 */
export const homeworkPageSchema = pageSchema(homeworkItemSchema).extend({
  offersHomeworkSupport: z.boolean(),
  canManage: z.boolean(),
});
export type HomeworkPage = z.infer<typeof homeworkPageSchema>;
