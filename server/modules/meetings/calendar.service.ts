import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Locale } from '../../../contracts/fields.ts';
import type { CalendarFeedStatus, MeetingKind } from '../../../contracts/meetings.ts';
import { type DatabaseClient, queryRows, type Transaction } from '../../db/client.ts';
import type { Actor } from '../../platform/access/policies.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { createToken, type Keys, parseToken } from '../../platform/auth/credentials.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { locations } from '../schools/schools.schema.ts';
import { type CalendarMeeting, meetingsCalendar } from './calendar.ts';
import { calendarFeeds, meetings } from './meetings.schema.ts';
import { findMeeting } from './meetings.service.ts';

// A feed shows the meetings of the last half year and everything ahead.
const feedHistoryDays = 183;

/** Meetings in calendars: one as an .ics download, and a personal feed behind a secret, revocable link. */
export class CalendarService {
  constructor(
    private readonly database: DatabaseClient,
    private readonly deps: { keys: Keys; baseUrl: string },
  ) {}

  /** One meeting as an .ics file. */
  meetingFile(actor: Actor, meetingId: string, locale: Locale): Promise<string> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const meeting = await findMeeting(transaction, actor, meetingId, 'meetings.read');
      const [location] = await transaction.db
        .select({ name: locations.name })
        .from(locations)
        .where(eq(locations.id, meeting.locationId));
      return this.calendar([{ ...meeting, schoolName: location?.name ?? '' }], locale);
    });
  }

  feedStatus(actor: Actor): Promise<CalendarFeedStatus> {
    return this.database.withTenant(actor.tenantId, async ({ db }) => {
      const [feed] = await db
        .select({ createdAt: calendarFeeds.createdAt })
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)));
      return { active: Boolean(feed), createdAt: feed?.createdAt.toISOString() ?? null, url: null };
    });
  }

  /** A new secret link; the old one stops working. The link is shown this once and never stored. */
  createFeed(actor: Actor, meta: RequestMeta): Promise<CalendarFeedStatus> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await revokeOpenFeed(transaction, actor.userId);
      const { token, hash } = createToken(this.deps.keys, actor.tenantId);
      const [feed] = await transaction.db
        .insert(calendarFeeds)
        .values({ tenantId: actor.tenantId, userId: actor.userId, tokenHash: hash })
        .returning();
      if (!feed) throw new NotFound();
      await recordAudit(transaction, auditActorOf(actor, meta), 'calendar.feed_created', null);
      // In the query string, which the request log leaves out.
      const url = `${this.deps.baseUrl}/api/calendar.ics?token=${encodeURIComponent(token)}`;
      return { active: true, createdAt: feed.createdAt.toISOString(), url };
    });
  }

  revokeFeed(actor: Actor, meta: RequestMeta): Promise<CalendarFeedStatus> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await revokeOpenFeed(transaction, actor.userId);
      await recordAudit(transaction, auditActorOf(actor, meta), 'calendar.feed_revoked', null);
      return { active: false, createdAt: null, url: null };
    });
  }

  /** The feed a calendar app polls: the meetings the link's owner takes part in. */
  async feed(token: string | undefined): Promise<string> {
    const parsed = parseToken(this.deps.keys, token);
    if (!parsed) throw new NotFound();
    return this.database.withTenant(parsed.tenantId, async (transaction) => {
      const [feed] = await transaction.db
        .select({ userId: calendarFeeds.userId })
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.tokenHash, parsed.hash), isNull(calendarFeeds.revokedAt)));
      if (!feed) throw new NotFound();
      const [owner] = await queryRows<{ locale: Locale; status: string }>(
        transaction.db,
        sql`select locale, status from users where id = ${feed.userId}::uuid`,
      );
      if (owner?.status !== 'active') throw new NotFound();
      const rows = await transaction.db
        .select({ meeting: meetings, schoolName: locations.name })
        .from(meetings)
        .innerJoin(locations, eq(locations.id, meetings.locationId))
        .where(
          and(
            gte(meetings.startsAt, new Date(Date.now() - feedHistoryDays * 86_400_000)),
            sql`exists (select 1 from meeting_participants p where p.meeting_id = ${meetings.id}
              and p.user_id = ${feed.userId}::uuid)`,
          ),
        )
        .orderBy(asc(meetings.startsAt))
        .limit(1000);
      return this.calendar(
        rows.map((row) => ({ ...row.meeting, schoolName: row.schoolName })),
        owner.locale,
      );
    });
  }

  private calendar(items: CalendarMeeting[], locale: Locale): string {
    return meetingsCalendar(
      items,
      {
        title: (kind: MeetingKind, school: string) => translate(locale, `calendar.title.${kind}`, { school }),
        online: translate(locale, 'calendar.online'),
        name: translate(locale, 'calendar.name'),
      },
      this.deps.baseUrl,
    );
  }
}

async function revokeOpenFeed(transaction: Transaction, userId: string): Promise<void> {
  await transaction.db
    .update(calendarFeeds)
    .set({ revokedAt: new Date() })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
}
