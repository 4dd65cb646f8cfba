import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  notificationListQuerySchema,
  notificationPageSchema,
  notificationParamsSchema,
  notificationSchema,
  notificationsMarkedSchema,
} from '../../../contracts/notifications.ts';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.ts';

/** HTTP routes of the signed-in user's own in-app notifications. */
export function notificationsRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/notifications',
      {
        config: { action: 'notifications.read' },
        schema: {
          summary: 'List the own notifications, newest first, with the number unread',
          querystring: notificationListQuerySchema,
          response: { 200: notificationPageSchema },
        },
      },
      (request) => request.useCase((context) => listNotifications(context, request.query)),
    );
    app.post(
      '/api/notifications/read',
      {
        config: { action: 'notifications.read' },
        schema: {
          summary: 'Mark every own notification read',
          body: z.strictObject({}).optional(),
          response: { 200: notificationsMarkedSchema },
        },
      },
      (request) => request.useCase((context) => markAllNotificationsRead(context)),
    );
    app.post(
      '/api/notifications/:notificationId/read',
      {
        config: { action: 'notifications.read' },
        schema: {
          summary: 'Mark one own notification read',
          params: notificationParamsSchema,
          body: z.strictObject({}).optional(),
          response: { 200: notificationSchema },
        },
      },
      (request) => request.useCase((context) => markNotificationRead(context, request.params.notificationId)),
    );
  };
}
