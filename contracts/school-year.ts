/**
 * School years and calendar dates in Europe/Amsterdam (convention 8). A school year runs from
 * 1 August to 31 July and is named by its start year: 2026 is "2026-2027".
 */

const amsterdamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// Formatting in a time zone is slow and every request asks for today. A day in Amsterdam begins on a
// whole minute (its offsets are whole hours), so one answer holds for the rest of its minute.
let lastFormatted = { minute: Number.NaN, date: '' };

/** The calendar date (YYYY-MM-DD) in Amsterdam at this instant. */
export function amsterdamDateOf(instant: Date): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== lastFormatted.minute) lastFormatted = { minute, date: amsterdamDate.format(instant) };
  return lastFormatted.date;
}

/** Today's date in Amsterdam. */
export function todayInAmsterdam(now: Date = new Date()): string {
  return amsterdamDateOf(now);
}

/** The school year (start year) a calendar date (YYYY-MM-DD) falls in. */
export function schoolYearOf(isoDate: string): number {
  const [year, month] = isoDate.split('-').map(Number) as [number, number];
  return month >= 8 ? year : year - 1;
}

/** First and last day (inclusive) of a school year. */
export function schoolYearBounds(schoolYear: number): { start: string; end: string } {
  return { start: `${schoolYear}-08-01`, end: `${schoolYear + 1}-07-31` };
}

/** The count date of pupil numbers in a school year (1 October). */
export function pupilCountDate(schoolYear: number): string {
  return `${schoolYear}-10-01`;
}

/** "2026-2027". */
export function formatSchoolYear(schoolYear: number): string {
  return `${schoolYear}-${schoolYear + 1}`;
}

/** Reads "2026-2027" (or "2026/2027") back to 2026; null when it is not a school year. */
export function parseSchoolYear(text: string): number | null {
  const match = /^(\d{4})\s*[-/]\s*(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const start = Number(match[1]);
  return Number(match[2]) === start + 1 ? start : null;
}

/**
 * Age in whole years on a calendar date (both YYYY-MM-DD). Someone born on 29 February has their
 * birthday on 1 March in a year without one, as Dutch practice counts it.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const [birthYear, birthMonth, birthDay] = birthDate.split('-').map(Number) as [number, number, number];
  const [year, month, day] = onDate.split('-').map(Number) as [number, number, number];
  const isLeapYear = (value: number) => (value % 4 === 0 && value % 100 !== 0) || value % 400 === 0;
  const [anniversaryMonth, anniversaryDay] =
    birthMonth === 2 && birthDay === 29 && !isLeapYear(year) ? [3, 1] : [birthMonth, birthDay];
  const hadBirthday = month > anniversaryMonth || (month === anniversaryMonth && day >= anniversaryDay);
  return year - birthYear - (hadBirthday ? 0 : 1);
}

/** The date a number of days after a calendar date (YYYY-MM-DD). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const amsterdamParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** The wall-clock date and time (YYYY-MM-DD, HH:MM) in Amsterdam at this instant. */
export function amsterdamDateTimeOf(instant: Date): { date: string; time: string } {
  const part = (type: string) =>
    amsterdamParts.formatToParts(instant).find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

/**
 * The instant of a wall-clock date and time in Amsterdam, right on both sides of a daylight-saving
 * change: a time that does not exist (02:30 on the last Sunday of March) moves on by the hour that
 * was skipped, and a time that happens twice (02:30 on the last Sunday of October) is the first one.
 */
export function amsterdamInstant(date: string, time: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Amsterdam is UTC+1 or UTC+2: try the larger offset first so a repeated hour resolves to its first pass.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(asIfUtc - offsetHours * 3_600_000);
    const shown = amsterdamDateTimeOf(candidate);
    if (shown.date === date && shown.time === time) return candidate;
  }
  // The skipped hour in spring: the same clock reading one hour later in winter time's terms.
  return new Date(asIfUtc - 3_600_000);
}
