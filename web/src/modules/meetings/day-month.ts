// The staff office's meeting dates are stored as month and day ("11-01"), the order ISO dates use;
// people read and write day first, so the form turns them around.

/** A stored "MM-DD" as the user reads and writes it: day first ("01-11" is 1 November). */
export function dayMonthOf(monthDay: string): string {
  const [month = '', day = ''] = monthDay.split('-');
  return `${day}-${month}`;
}

/** What the user typed as day and month ("1-11", "01/11") as stored; anything else as typed, for the contract to refuse. */
export function monthDayOf(dayMonth: string): string {
  const match = /^\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*$/.exec(dayMonth);
  if (!match) return dayMonth.trim();
  const [, day = '', month = ''] = match;
  return `${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
