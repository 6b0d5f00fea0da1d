import { SLA_TARGETS } from '../sla/sla-clock.js';
import type { FieldErrors } from './calendar-form.js';
import { translate } from '../../common/i18n/translator.js';

/**
 * The SLA policy form, pure: targets entered as hours and minutes and the warning point
 * as a percentage, stored (and served by the API) as business minutes and a share
 * (75 % → 0.75). Errors are in words (the reader's language), under the field; the target names are the page's (admin.targets).
 */

const MAX_MINUTES = 100_000;

type Form = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function policyFromForm(form: Form, language = 'en'): { targets: Record<string, number>; warningThreshold: number | undefined; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const say = (key: string, vars?: Record<string, unknown>) => translate(language, `admin.policy.${key}`, vars);
  const targets: Record<string, number> = {};
  for (const target of SLA_TARGETS) {
    const [h, m] = [text(form[`${target}-h`]), text(form[`${target}-m`])];
    if (h && !/^\d{1,4}$/.test(h)) errors[`${target}-h`] = say('hoursBad');
    if (m && !/^\d{1,2}$/.test(m)) errors[`${target}-m`] = say('minutesBad');
    else if (m && Number(m) > 59) errors[`${target}-m`] = say('minutesOver');
    if (errors[`${target}-h`] || errors[`${target}-m`]) continue;
    const minutes = Number(h || 0) * 60 + Number(m || 0);
    if (minutes < 1) errors[`${target}-h`] = say('tooShort');
    else if (minutes > MAX_MINUTES) errors[`${target}-h`] = say('tooLong', { hours: Math.floor(MAX_MINUTES / 60), minutes: MAX_MINUTES % 60 });
    else targets[target] = minutes;
  }
  const warning = text(form.warningPercent).replace(/\s*%$/, '').replace(',', '.');
  let warningThreshold: number | undefined;
  if (warning) {
    const p = /^\d{1,2}(\.\d)?$/.test(warning) ? Number(warning) : NaN;
    if (!(p >= 10 && p <= 99)) errors.warningPercent = say('warningBad');
    else warningThreshold = Math.round(p * 10) / 1000;
  }
  return { targets, warningThreshold, errors };
}

/** Minutes as the form's hours and minutes. */
export function hoursAndMinutes(minutes: number): { h: number; m: number } {
  return { h: Math.floor(minutes / 60), m: minutes % 60 };
}

/** A share as the form's percentage (0.75 → 75). */
export const percent = (share: number): number => Math.round(share * 1000) / 10;
