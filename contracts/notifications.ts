import { z } from 'zod';
import { pageSchema, paginationQuerySchema } from './fields.ts';

/**
 * What an in-app notification is about: one per kind of mail Passend sends to a person. The web app's
 * `home` catalogue has a text for each (`notifications.kind.<kind>`); nothing else is stored, so a
 * notification holds no personal data.
 */
export const notificationKinds = [
  'request_news',
  'request_assigned',
  'request_paused',
  'meeting_reminder',
  'action_item_overdue',
  'budget_threshold',
  'opp_evaluation_due',
] as const;
export const notificationKindSchema = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const notificationListQuerySchema = paginationQuerySchema.pick({ page: true, pageSize: true });
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: notificationKindSchema,
  /** A path inside the web app, e.g. `/hulpvragen/<id>`. */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

/** A page of the user's notifications, newest first, with how many are unread in all. */
export const notificationPageSchema = pageSchema(notificationSchema).extend({
  unread: z.number().int(),
});
export type NotificationPage = z.infer<typeof notificationPageSchema>;

export const notificationParamsSchema = z.strictObject({ notificationId: z.uuid() });

/** How many notifications a "mark all read" marked. */
export const notificationsMarkedSchema = z.object({ marked: z.number().int() });
