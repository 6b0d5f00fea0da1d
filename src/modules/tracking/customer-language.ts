import { CUSTOMER_LANGUAGES, type CustomerLanguage } from '../../common/i18n/translator.js';

/** Norwegian asked for as "no" or "nn" is read in bokmål, the only Norwegian we write. */
const ALIASES: Record<string, CustomerLanguage> = { no: 'nb', nn: 'nb' };

/**
 * The customer language a browser's Accept-Language asks for most ("nl-BE,nl;q=0.9,en;q=0.8"
 * → nl), or English when it names none of ours. For the page of a link we cannot open, where
 * no case tells us the customer's language.
 */
export function acceptedLanguage(header: string | undefined): CustomerLanguage {
  const wanted = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { base: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((w) => w.base && Number.isFinite(w.q) && w.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { base } of wanted) {
    const lang = ALIASES[base] ?? base;
    if ((CUSTOMER_LANGUAGES as readonly string[]).includes(lang)) return lang as CustomerLanguage;
  }
  return 'en';
}
