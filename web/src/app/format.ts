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
    return {
      dateTime: (value: string | Date) => dateTimeFormat.format(new Date(value)),
      date: (value: string | Date) => dateFormat.format(new Date(value)),
      number: (value: number) => numberFormat.format(value),
    };
  }, [tag]);
}
