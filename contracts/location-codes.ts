/**
 * Pure rules of school locations: how BRIN, vestigingscode and postal code are written, and the
 * order of the active period. No I/O, so the form, the API and the CSV import share them.
 */

/** "12 ab" → "12AB": a BRIN (instellingscode) without spaces, upper case. */
export function normaliseBrin(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** A BRIN is two digits followed by two letters or digits (DUO's instellingscode, e.g. 12AB). */
export function isValidBrin(brin: string): boolean {
  return /^\d{2}[A-Z0-9]{2}$/.test(brin);
}

/** "1" → "01": a vestigingscode of one digit gets its leading zero back (spreadsheets drop it). */
export function normaliseLocationCode(text: string): string {
  const trimmed = text.replace(/\s+/g, '');
  return /^\d$/.test(trimmed) ? `0${trimmed}` : trimmed;
}

/** A vestigingscode is two digits (00 is the main building). */
export function isValidLocationCode(code: string): boolean {
  return /^\d{2}$/.test(code);
}

/** "1234ab" or "1234  AB" → "1234 AB": a Dutch postal code in its written form; other text unchanged but trimmed. */
export function normalisePostalCode(text: string): string {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  return /^\d{4}[A-Z]{2}$/.test(compact) ? `${compact.slice(0, 4)} ${compact.slice(4)}` : text.trim();
}

/**
 * A Dutch postal code: four digits not starting with 0, a space, two letters; PostNL never issues
 * the letter pairs SA, SD and SS.
 */
export function isValidPostalCode(postalCode: string): boolean {
  const match = /^([1-9]\d{3}) ([A-Z]{2})$/.exec(postalCode);
  return !!match && !['SA', 'SD', 'SS'].includes(match[2] ?? '');
}

/** Whether an active period ends before it starts (dates as YYYY-MM-DD; the end day is inclusive). */
export function isEndBeforeStart(activeFrom: string | null, activeTo: string | null): boolean {
  return activeFrom !== null && activeTo !== null && activeTo < activeFrom;
}

/** Whether a location is active on a date: the end day still counts. */
export function isActiveOn(
  period: { activeFrom: string | null; activeTo: string | null },
  date: string,
): boolean {
  return (
    (period.activeFrom === null || period.activeFrom <= date) &&
    (period.activeTo === null || period.activeTo >= date)
  );
}
