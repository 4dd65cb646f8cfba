import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { amsterdamInstant } from '../../../contracts/school-year.ts';
import { meetingsCalendar } from './calendar.ts';

const texts = {
  title: (kind: string, school: string) => `${kind === 'sot' ? 'SOT' : 'Jaargesprek'} — ${school}`,
  online: 'Online',
  name: 'Passend',
};

describe('the calendar file', () => {
  it('writes meetings on both sides of the autumn clock change at the right instants, and parses', () => {
    const text = meetingsCalendar(
      [
        {
          id: '11111111-1111-4111-8111-111111111111',
          kind: 'sot',
          status: 'planned',
          schoolName: 'OBS De Regenboog',
          startsAt: amsterdamInstant('2026-10-22', '15:00'),
          endsAt: amsterdamInstant('2026-10-22', '16:30'),
          place: 'Teamkamer',
          online: false,
        },
        {
          id: '22222222-2222-4222-8222-222222222222',
          kind: 'annual_talk',
          status: 'cancelled',
          schoolName: 'CBS De Fontein',
          startsAt: amsterdamInstant('2026-10-29', '15:00'),
          endsAt: amsterdamInstant('2026-10-29', '16:00'),
          place: null,
          online: true,
        },
      ],
      texts,
      'https://passend.example',
    );
    const events = Object.values(ical.sync.parseICS(text)).filter((item) => item?.type === 'VEVENT');
    expect(events).toHaveLength(2);
    const [before, after] = events as ical.VEvent[];
    // 15:00 in Amsterdam: 13:00 UTC in summer time, 14:00 UTC after the clocks went back.
    expect(before?.start.toISOString()).toBe('2026-10-22T13:00:00.000Z');
    expect(after?.start.toISOString()).toBe('2026-10-29T14:00:00.000Z');
    expect(before?.summary).toBe('SOT — OBS De Regenboog');
    expect(before?.location).toBe('Teamkamer');
    expect(after?.location).toBe('Online');
    expect(after?.status).toBe('CANCELLED');
    expect(String(before?.url)).toBe('https://passend.example/overleg/11111111-1111-4111-8111-111111111111');
  });

  it('writes an empty calendar that still parses', () => {
    const text = meetingsCalendar([], texts, 'https://passend.example');
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(Object.values(ical.sync.parseICS(text)).filter((item) => item?.type === 'VEVENT')).toEqual([]);
  });
});
