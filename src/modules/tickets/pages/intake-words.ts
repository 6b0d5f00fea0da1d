import { customerLanguage, translateTree } from '../../../common/i18n/translator.js';

type Words = Readonly<Record<string, string>>;

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Names in a list start with a capital ("Verkoop"); in a sentence the same words stay small ("de afdeling verkoop"). */
const listed = new Map<string, Words>();
function asListed(language: string, branch: string): Words {
  const key = `${language}\0${branch}`;
  let names = listed.get(key);
  if (!names) {
    names = Object.freeze(Object.fromEntries(Object.entries(translateTree(language, branch) as Words).map(([k, v]) => [k, upperFirst(v)])));
    listed.set(key, names);
  }
  return names;
}

/**
 * The intake form's words in the receptionist's language: its own (`intake`), and the names of
 * departments, categories and severities the other staff pages already use.
 */
export function intakeWords(language: string | undefined) {
  const lang = customerLanguage(language);
  const t = translateTree(lang, 'intake') as Words;
  return {
    lang,
    t,
    title: t.title,
    departmentNames: asListed(lang, 'staff.departments'),
    categoryNames: translateTree(lang, 'staff.values.categories'),
    severityNames: asListed(lang, 'staff.severities'),
  };
}

/** The receipt's words: the form's, the department as said in a sentence, the stage by its name. */
export function receiptWords(language: string | undefined, ref: string) {
  const lang = customerLanguage(language);
  const t = translateTree(lang, 'intake') as Words;
  const stageNames = { ...(translateTree(lang, 'dashboard.stages') as Words), closed: (translateTree(lang, 'staff.values.ticketStatuses') as Words).closed };
  return {
    lang,
    t,
    title: t.loggedTitle!.replace('{{ref}}', ref),
    departmentWords: translateTree(lang, 'staff.departments'),
    stageNames,
  };
}
