import { DateTime } from 'luxon';
import { customerLanguage, type CustomerLanguage } from './translator.js';

/**
 * Dates written out as each language writes them in a letter: the weekday and month in
 * words, the 24-hour clock. Norwegian puts a dot after the day and "kl." before the time,
 * Swedish "kl." too; Dutch and English a comma.
 */
const FULL: Record<CustomerLanguage, string> = {
  en: "cccc d LLLL yyyy, HH:mm",
  nb: "cccc d. LLLL yyyy 'kl.' HH:mm",
  sv: "cccc d LLLL yyyy 'kl.' HH:mm",
  nl: "cccc d LLLL yyyy, HH:mm",
};

/** A promise within the coming days: day and month, then the time ("2 december om 15:00"). */
const SHORT: Record<CustomerLanguage, string> = {
  en: "d LLLL 'at' HH:mm",
  nb: "d. LLLL 'kl.' HH:mm",
  sv: "d LLLL 'kl.' HH:mm",
  nl: "d LLLL 'om' HH:mm",
};

function local(at: Date | string, zone: string, language: string): DateTime | null {
  const d = typeof at === 'string' ? DateTime.fromISO(at) : DateTime.fromJSDate(at);
  if (!d.isValid) return null;
  const zoned = d.setZone(zone);
  return (zoned.isValid ? zoned : d.setZone('UTC')).setLocale(customerLanguage(language));
}

/** "zondag 29 november 2026, 15:00": the reader's language, the dealer's zone. Empty for no date. */
export function writtenDateTime(at: Date | string, zone: string, language: string): string {
  const d = local(at, zone, language);
  return d ? d.toFormat(FULL[customerLanguage(language)]) : '';
}

/** "2 december om 15:00", the year added when it is not the one `now` is in. */
export function writtenPromise(at: Date | string, zone: string, language: string, now: Date): string {
  const d = local(at, zone, language);
  if (!d) return '';
  const lang = customerLanguage(language);
  const sameYear = d.year === DateTime.fromJSDate(now).setZone(d.zone).year;
  return d.toFormat(sameYear ? SHORT[lang] : SHORT[lang].replace('LLLL', 'LLLL yyyy'));
}
