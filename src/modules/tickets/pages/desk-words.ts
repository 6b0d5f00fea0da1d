import { translateTree } from '../../../common/i18n/translator.js';

type Names = Record<string, string>;
const capital = (words: Names): Names => Object.fromEntries(Object.entries(words).map(([k, v]) => [k, v.charAt(0).toUpperCase() + v.slice(1)]));

/**
 * The names of the ticket's values (stages, statuses, channels, …) in the reader's language,
 * for the queue and the ticket page. Names the other staff pages already have are reused from
 * their branches, so a stage is called the same on the dashboard and on the ticket.
 */
export function deskNames(language: string): DeskNames {
  let names = byLanguage.get(language);
  if (!names) byLanguage.set(language, (names = buildDeskNames(language)));
  return names;
}

/** Built once per language: the queue and the ticket page ask on every view (the hot read path). */
const byLanguage = new Map<string, DeskNames>();
type DeskNames = ReturnType<typeof buildDeskNames>;

function buildDeskNames(language: string) {
  const own = translateTree(language, 'ticket.names') as Record<string, Names> & { closed: string };
  const values = translateTree(language, 'staff.values') as Record<string, Names>;
  return {
    stages: { ...(translateTree(language, 'dashboard.stages') as Names), closed: own.closed },
    statuses: values.ticketStatuses!,
    categories: values.categories!,
    severities: translateTree(language, 'admin.severities') as Names,
    slaStates: translateTree(language, 'dashboard.slaStates') as Names,
    targets: translateTree(language, 'dashboard.targets') as Names,
    rootCauses: translateTree(language, 'dashboard.rootCauses') as Names,
    roles: translateTree(language, 'admin.roles') as Names,
    departments: capital(translateTree(language, 'staff.departments') as Names),
    channels: own.channels!,
    contactWays: own.contactWays!,
    kinds: own.kinds!,
    compStates: own.compStates!,
    events: own.events!,
  };
}

/** The communication style's label and advice in the reader's language (the code's English only as a fallback). */
export function styleWords(language: string, colour: string): { label: string; advice: string[] } | null {
  const style = (translateTree(language, 'staff.style') as Record<string, { label: string; tips: Names } | undefined>)[colour];
  return style ? { label: style.label, advice: Object.values(style.tips) } : null;
}
