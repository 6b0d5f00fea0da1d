/**
 * A transition table, after Vendure's order-state: for each state, the events it accepts,
 * where each leads and the named guards that must pass. The allowed moves can be read in one
 * place, checked by one function and rendered in the docs. Pure: no Nest, no database.
 */
export type Refusal<C extends string = string> = { ok: false; code: C; message: string };
export type Verdict<C extends string = string> = { ok: true } | Refusal<C>;

export interface Transition<To, G extends string> {
  to: To;
  /** Checked in order; the first that refuses decides the answer. */
  guards?: readonly G[];
}

export type TransitionTable<S extends string, E extends string, To, G extends string> = {
  readonly [K in S]: { readonly [V in E]?: Transition<To, G> };
};

/** What a guard checks and how it refuses: a name the docs show, and the pure check. */
export interface Guard<Ctx, C extends string> {
  says: string;
  check: (ctx: Ctx) => Verdict<C>;
}

export interface Machine<S extends string, E extends string, To, G extends string, Ctx, C extends string> {
  table: TransitionTable<S, E, To, G>;
  guards: { readonly [K in G]: Guard<Ctx, C> };
  /** The answer when `from` has no row for `event`. */
  refuse: (from: S, event: E, ctx: Ctx) => Refusal<C>;
}

export type Outcome<To, C extends string> = { ok: true; to: To } | Refusal<C>;

/** The row for `event` in `from`, if any. */
export function rowOf<S extends string, E extends string, To, G extends string>(table: TransitionTable<S, E, To, G>, from: S, event: E): Transition<To, G> | undefined {
  return (table[from] as Partial<Record<E, Transition<To, G>>>)[event];
}

/** Whether `event` may happen in `from`, and where it leads: the table's row, its guards in order. */
export function transition<S extends string, E extends string, To, G extends string, Ctx, C extends string>(
  machine: Machine<S, E, To, G, Ctx, C>,
  from: S,
  event: E,
  ctx: Ctx,
): Outcome<To, C> {
  const row = rowOf(machine.table, from, event);
  if (!row) return machine.refuse(from, event, ctx);
  for (const name of row.guards ?? []) {
    const verdict = machine.guards[name].check(ctx);
    if (!verdict.ok) return verdict;
  }
  return { ok: true, to: row.to };
}

/** The table as markdown: one line per allowed move, then the guards and what they say. */
export function tableMarkdown<S extends string, E extends string, To, G extends string, Ctx, C extends string>(
  machine: Machine<S, E, To, G, Ctx, C>,
  describe: (to: To, from: S) => string,
): string {
  const lines = ['| From | Event | To | Guards |', '| --- | --- | --- | --- |'];
  for (const from of Object.keys(machine.table) as S[]) {
    const rows = Object.entries(machine.table[from]) as [E, Transition<To, G>][];
    if (!rows.length) lines.push(`| ${from} | — | — | (final) |`);
    for (const [event, row] of rows) lines.push(`| ${from} | ${event} | ${describe(row.to, from)} | ${(row.guards ?? []).join(', ') || '—'} |`);
  }
  const guards = Object.entries(machine.guards) as [G, Guard<Ctx, C>][];
  if (guards.length) lines.push('', '| Guard | Passes when |', '| --- | --- |', ...guards.map(([name, g]) => `| ${name} | ${g.says} |`));
  return lines.join('\n');
}
