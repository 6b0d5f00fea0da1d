import hbs from 'hbs';
import type { DealerView } from '../../dealers/dealers.service.js';

const { SafeString, escapeExpression } = hbs.handlebars;

/** What the queue page takes from the dealers in a scope: the same for every view until a dealer changes. */
export interface QueueDealers {
  byId: ReadonlyMap<string, DealerView>;
  /** Each dealer's place in `options`. */
  at: ReadonlyMap<string, number>;
  /** Every department any of them has, in first-seen order (the department filter's values). */
  departments: readonly string[];
  /** The dealer filter's options, escaped, one per dealer, in the list's order; none selected. */
  options: readonly string[];
  /** The same joined: the list as most views show it. */
  joined: string;
  /** More than one dealer: the filter and the dealer column are shown. */
  showDealer: boolean;
}

/**
 * Made once per scope and change of the dealers (DealersService.derivedFor): with 200
 * dealers the filter list was 200 iterations of the template and a fifth of the page's
 * bytes on every view.
 */
export function queueDealers(dealers: readonly DealerView[]): QueueDealers {
  const options = dealers.map((d) => `<option value="${escapeExpression(d.id)}">${escapeExpression(d.name)}</option>`);
  return {
    byId: new Map(dealers.map((d) => [d.id, d])),
    at: new Map(dealers.map((d, i) => [d.id, i])),
    departments: [...new Set(dealers.flatMap((d) => d.departments))],
    options,
    joined: options.join(''),
    showDealer: dealers.length > 1,
  };
}

/** The dealer filter's options with `selectedId`'s marked (an id not in the list marks none). */
export function dealerOptions(q: QueueDealers, selectedId: string | undefined): InstanceType<typeof SafeString> {
  const at = selectedId === undefined ? undefined : q.at.get(selectedId);
  if (at === undefined) return new SafeString(q.joined);
  const options = [...q.options];
  options[at] = options[at]!.replace('">', '" selected>');
  return new SafeString(options.join(''));
}
