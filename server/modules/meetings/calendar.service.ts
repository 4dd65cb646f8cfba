import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Locale } from '../../../contracts/fields.ts';
import type { CalendarFeedStatus, MeetingKind } from '../../../contracts/meetings.ts';
import { type DbTransaction, queryRows } from '../../db/client.ts';
import { createToken, type Keys, parseToken } from '../../platform/auth/credentials.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { PublicContext, UseCaseContext } from '../../platform/kernel/kernel.ts';
import { locations } from '../schools/schools.schema.ts';
import { type CalendarMeeting, meetingsCalendar } from './calendar.ts';
import { calendarFeeds, meetings } from './meetings.schema.ts';
import { meetingTarget } from './meetings.service.ts';

// A feed shows the meetings of the last half year and everything ahead.
const feedHistoryDays = 183;

/** What a feed link names: its partnership and, to look the feed up, the hash of its secret. */
export type FeedLink = { tenantId: string; hash: string };

/** Meetings in calendars: one as an .ics download, and a personal feed behind a secret, revocable link. */
export class CalendarService {
  constructor(private readonly deps: { keys: Keys; baseUrl: string }) {}

  /** One meeting as an .ics file. */
  async meetingFile(context: UseCaseContext, meetingId: string): Promise<string> {
    const meeting = await context.load(meetingTarget, meetingId);
    const [location] = await context.db
      .select({ name: locations.name })
      .from(locations)
      .where(eq(locations.id, meeting.locationId));
    return this.calendar([{ ...meeting, schoolName: location?.name ?? '' }], context.locale);
  }

  async feedStatus(context: UseCaseContext): Promise<CalendarFeedStatus> {
    const [feed] = await context.db
      .select({ createdAt: calendarFeeds.createdAt })
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.userId, context.actor.userId), isNull(calendarFeeds.revokedAt)));
    return { active: Boolean(feed), createdAt: feed?.createdAt.toISOString() ?? null, url: null };
  }

  /** A new secret link; the old one stops working. The link is shown this once and never stored. */
  async createFeed(context: UseCaseContext): Promise<CalendarFeedStatus> {
    const { actor } = context;
    await revokeOpenFeed(context.db, actor.userId, context.clock.now());
    const { token, hash } = createToken(this.deps.keys, actor.tenantId);
    const [feed] = await context.db
      .insert(calendarFeeds)
      .values({ tenantId: actor.tenantId, userId: actor.userId, tokenHash: hash })
      .returning();
    if (!feed) throw new NotFound();
    await context.audit('calendar.feed_created', null);
    // In the query string, which the request log leaves out.
    const url = `${this.deps.baseUrl}/api/calendar.ics?token=${encodeURIComponent(token)}`;
    return { active: true, createdAt: feed.createdAt.toISOString(), url };
  }

  async revokeFeed(context: UseCaseContext): Promise<CalendarFeedStatus> {
    await revokeOpenFeed(context.db, context.actor.userId, context.clock.now());
    await context.audit('calendar.feed_revoked', null);
    return { active: false, createdAt: null, url: null };
  }

  /** The partnership and hash a feed link names; 404 for a link that is not one of ours. */
  feedLink(token: string | undefined): FeedLink {
    const parsed = parseToken(this.deps.keys, token);
    if (!parsed) throw new NotFound();
    return { tenantId: parsed.tenantId, hash: parsed.hash };
  }

  /** The feed a calendar app polls: the meetings the link's owner takes part in. */
  async feed(context: PublicContext, link: FeedLink): Promise<string> {
    const [feed] = await context.db
      .select({ userId: calendarFeeds.userId })
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.tokenHash, link.hash), isNull(calendarFeeds.revokedAt)));
    if (!feed) throw new NotFound();
    const [owner] = await queryRows<{ locale: Locale; status: string }>(
      context.db,
      sql`select locale, status from users where id = ${feed.userId}::uuid`,
    );
    if (owner?.status !== 'active') throw new NotFound();
    const since = new Date(context.clock.now().getTime() - feedHistoryDays * 86_400_000);
    const rows = await context.db
      .select({ meeting: meetings, schoolName: locations.name })
      .from(meetings)
      .innerJoin(locations, eq(locations.id, meetings.locationId))
      .where(
        and(
          gte(meetings.startsAt, since),
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

async function revokeOpenFeed(db: DbTransaction, userId: string, now: Date): Promise<void> {
  await db
    .update(calendarFeeds)
    .set({ revokedAt: now })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
}
