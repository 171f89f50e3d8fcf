/** Dates and numbers in the person's language and the business's time zone; phones as people write them. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './store/session';

export { formatPhone } from './phone';

export interface Formatters {
  number(n: number): string;
  date(iso: string | null): string;
  dateTime(iso: string | null): string;
  time(iso: string): string;
  /** "5 min ago", "yesterday"... for the lists. */
  relative(iso: string | null): string;
  day(date: string): string;
}

/** Formatters for the current language and time zone, rebuilt only when either changes. */
export function useFormat(): Formatters {
  const { i18n, t } = useTranslation();
  const timeZone = useSession((s) => s.settings?.timeZone);
  const locale = i18n.language;
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(locale);
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone });
    const dateTimes = new Intl.DateTimeFormat(locale, {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone,
    });
    const times = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
    const days = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const never = t('common.never');
    return {
      number: (n) => numbers.format(n),
      date: (iso) => (iso ? dates.format(new Date(iso)) : never),
      dateTime: (iso) => (iso ? dateTimes.format(new Date(iso)) : never),
      time: (iso) => times.format(new Date(iso)),
      day: (date) => days.format(new Date(`${date}T00:00:00Z`)),
      relative(iso) {
        if (!iso) return never;
        const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
        const abs = Math.abs(seconds);
        if (abs < 60) return relative.format(Math.round(seconds), 'second');
        if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
        if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
        if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
        return dates.format(new Date(iso));
      },
    };
  }, [locale, timeZone, t]);
}
