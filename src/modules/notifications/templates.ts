import hbs from 'hbs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translate } from '../../common/i18n/translator.js';
import { writtenDateTime, writtenPromise } from '../../common/i18n/written-date.js';
import { projectRoot } from '../../common/paths.js';

export interface RenderedMail {
  subject: string;
  text: string;
}

const compiled = new Map<string, (data: unknown) => string>();

/**
 * views/emails/<template>.<language>.hbs, falling back to English. The first line is
 * "Subject: …"; the rest is the plain-text body. Handlebars escapes HTML, which plain text
 * does not need, so the mail templates use it only for values the app controls or escapes.
 */
export function renderMail(template: string, language: string, data: Record<string, unknown>): RenderedMail {
  // Customer mails live in the translation files: mail.<name>.subject and .body, and the signature.
  if (template.startsWith('i18n:')) {
    const name = template.slice(5);
    const promise = typeof data.promisedAtIso === 'string' ? `\n\n${promisedBy(language, data.promisedAtIso, data.timeZone)}` : '';
    const body = `${translate(language, `mail.${name}.body`, data)}${promise}\n\n${translate(language, 'mail.signature', data)}\n`;
    return { subject: translate(language, `mail.${name}.subject`, data), text: body };
  }
  const dir = join(projectRoot(), 'views', 'emails');
  const file = [language, 'en'].map((l) => join(dir, `${template}.${l}.hbs`)).find((f) => existsSync(f));
  if (!file) throw new Error(`No e-mail template ${template}`);
  let fn = compiled.get(file);
  if (!fn) {
    fn = hbs.handlebars.compile(readFileSync(file, 'utf8'), { noEscape: true });
    compiled.set(file, fn);
  }
  const [first, ...rest] = fn(staffMailWords(language, data)).split('\n');
  return { subject: first.replace(/^Subject:\s*/, '').trim(), text: rest.join('\n').trim() + '\n' };
}

/**
 * A staff mail's data in its reader's words: the ticket's department, severity and deadline
 * as their language says them, and the deadline written out in it, in the dealer's zone.
 * A department an admin added, with no translation, stays as its slug.
 */
export function staffMailWords(language: string, data: Record<string, unknown>): Record<string, unknown> {
  const word = (group: string, value: unknown) => (typeof value === 'string' ? translate(language, `staff.${group}.${value}`, { defaultValue: value }) : value);
  const out: Record<string, unknown> = { ...data, department: word('departments', data.department), severity: word('severities', data.severity), target: word('targets', data.target) };
  // Mails queued before dates were written out per reader carry `dueAt` already formatted.
  if (typeof data.dueAtIso === 'string') out.dueAt = writtenDateTime(data.dueAtIso, typeof data.timeZone === 'string' ? data.timeZone : 'UTC', language);
  return out;
}

/**
 * "U hoort uiterlijk 2 december om 15:00 van ons.": the customer's promise, as their page says
 * it. A promise is days away, so day and month say it without the year.
 */
function promisedBy(language: string, iso: string, zone: unknown): string {
  return translate(language, 'page.promise', { date: writtenPromise(iso, typeof zone === 'string' ? zone : 'UTC', language, new Date(iso)) });
}
