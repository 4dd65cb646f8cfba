import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const timeZone = 'Europe/Amsterdam';

/** Dates and numbers in the interface language, always in Dutch time. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const tag = i18n.language === 'en' ? 'en-GB' : 'nl-NL';
  return useMemo(() => {
    const dateTimeFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short', timeZone });
    const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone });
    const numberFormat = new Intl.NumberFormat(tag);
    const monthFormat = new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone });
    const shortMonthFormat = new Intl.DateTimeFormat(tag, { month: 'short', timeZone });
    return {
      /** "november 2026" for "2026-11". */
      month: (yearMonth: string) => monthFormat.format(new Date(`${yearMonth}-15T12:00:00Z`)),
      /** "nov" for "2026-11": chart axes. */
      shortMonth: (yearMonth: string) => shortMonthFormat.format(new Date(`${yearMonth}-15T12:00:00Z`)),
      dateTime: (value: string | Date) => dateTimeFormat.format(new Date(value)),
      date: (value: string | Date) => dateFormat.format(new Date(value)),
      number: (value: number) => numberFormat.format(value),
    };
  }, [tag]);
}
