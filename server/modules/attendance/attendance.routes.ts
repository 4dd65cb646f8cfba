import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attendanceExpectationSchema,
  attendanceExpectationsInputSchema,
  attendancePeriodSchema,
  attendanceTodaySchema,
  attendanceVisitSchema,
  attendanceWeekSchema,
  checkInInputSchema,
  checkOutInputSchema,
  periodQuerySchema,
  todayQuerySchema,
  weekQuerySchema,
} from '../../../contracts/attendance.ts';
import {
  attendancePeriod,
  attendanceToday,
  attendanceWeek,
  checkIn,
  checkOut,
  setExpectations,
} from './attendance.service.ts';

const trajectoryParams = z.strictObject({ trajectoryId: z.uuid() });
const visitParams = z.strictObject({ visitId: z.uuid() });

/** HTTP routes of the daily use of the expertise point (issue 7, E3, E7). */
export function attendanceRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/expertise-point/today',
      {
        config: { action: 'attendance.manage' },
        schema: {
          summary: "Today's check-ins at the expertise point",
          querystring: todayQuerySchema,
          response: { 200: attendanceTodaySchema },
        },
      },
      (request) => request.useCase((context) => attendanceToday(context, request.query)),
    );
    app.post(
      '/api/trajectories/:trajectoryId/check-in',
      {
        config: { action: 'attendance.manage', idempotent: true },
        schema: {
          summary: 'Check a pupil in at the expertise point',
          params: trajectoryParams,
          body: checkInInputSchema,
          response: { 201: attendanceVisitSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await request.useCase((context) => checkIn(context, request.params.trajectoryId, request.body)),
          ),
    );
    app.post(
      '/api/attendance-visits/:visitId/check-out',
      {
        config: { action: 'attendance.manage' },
        schema: {
          summary: 'Check a pupil out of the expertise point',
          params: visitParams,
          body: checkOutInputSchema,
          response: { 200: attendanceVisitSchema },
        },
      },
      (request) => request.useCase((context) => checkOut(context, request.params.visitId, request.body)),
    );
    app.put(
      '/api/trajectories/:trajectoryId/attendance-expectations',
      {
        config: { action: 'attendance.manage' },
        schema: {
          summary: 'Set on which days a pupil is expected',
          params: trajectoryParams,
          body: attendanceExpectationsInputSchema,
          response: { 200: z.array(attendanceExpectationSchema) },
        },
      },
      (request) =>
        request.useCase((context) => setExpectations(context, request.params.trajectoryId, request.body)),
    );
    // Reading attendance follows the pupil file (P1): the location's staff and the pupil's own mentor.
    app.get(
      '/api/expertise-point/week',
      {
        config: { action: 'trajectories.read' },
        schema: {
          summary: 'A week of attendance at the expertise point',
          querystring: weekQuerySchema,
          response: { 200: attendanceWeekSchema },
        },
      },
      (request) => request.useCase((context) => attendanceWeek(context, request.query)),
    );
    app.get(
      '/api/trajectories/:trajectoryId/attendance',
      {
        config: { action: 'trajectories.read' },
        schema: {
          summary: "A pupil's attendance over a period",
          params: trajectoryParams,
          querystring: periodQuerySchema,
          response: { 200: attendancePeriodSchema },
        },
      },
      (request) =>
        request.useCase((context) => attendancePeriod(context, request.params.trajectoryId, request.query)),
    );
  };
}
