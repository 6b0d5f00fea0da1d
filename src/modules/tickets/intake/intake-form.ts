/** The intake page's flat form fields, turned into the API's ticket payload. Pure: no rules, only shape. */
export interface IntakeForm {
  dealerId?: string;
  department?: string;
  category?: string;
  channel?: string;
  severity?: string;
  minutesAgo?: string;
  customerName?: string;
  customerEmail?: string;
  customerPhone?: string;
  customerLanguage?: string;
  styleEnergy?: string; // '' | 'outgoing' | 'reflective'
  styleFocus?: string; // '' | 'facts' | 'feelings'
  vehicleRegistration?: string;
  vehicleModel?: string;
  account?: string;
  desiredOutcome?: string;
  saleAtRisk?: string;
  saleModel?: string;
  saleValue?: string;
  listened?: string;
  apologised?: string;
  compensationKind?: string;
  compensationAmount?: string;
  compensationNote?: string;
  /** A token the form page makes afresh: a second post of the same form (a double click, back and send) logs nothing more. */
  submission?: string;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const ticked = (v: unknown) => v === 'on' || v === 'true' || v === '1';
const num = (v: unknown) => {
  const t = text(v)?.replace(',', '.');
  return t === undefined ? undefined : Number(t);
};

export function intakeFormToPayload(form: IntakeForm, ctx: { actorName: string; currency: string; now: Date }): Record<string, unknown> {
  const minutesAgo = num(form.minutesAgo);
  const style =
    form.styleEnergy && form.styleFocus
      ? { outgoing: form.styleEnergy === 'outgoing', factsFirst: form.styleFocus === 'facts' }
      : undefined;
  const vehicle = text(form.vehicleRegistration) || text(form.vehicleModel)
    ? { registration: text(form.vehicleRegistration), model: text(form.vehicleModel) }
    : undefined;
  const saleValue = num(form.saleValue);
  const compensation = text(form.compensationKind)
    ? { kind: text(form.compensationKind), value: { amount: num(form.compensationAmount) ?? 0, currency: ctx.currency }, note: text(form.compensationNote) }
    : undefined;
  const onTheSpot = ticked(form.listened) || ticked(form.apologised) || compensation
    ? {
        listened: ticked(form.listened) || undefined,
        apology: ticked(form.apologised) ? { by: ctx.actorName, how: 'in-person' } : undefined,
        compensation,
      }
    : undefined;
  return prune({
    dealerId: text(form.dealerId),
    department: text(form.department),
    category: text(form.category),
    channel: text(form.channel),
    severity: text(form.severity),
    receivedAt: minutesAgo ? new Date(ctx.now.getTime() - minutesAgo * 60_000).toISOString() : undefined,
    customer: {
      name: text(form.customerName),
      email: text(form.customerEmail),
      phone: text(form.customerPhone),
      language: text(form.customerLanguage),
      style,
    },
    vehicle,
    account: text(form.account),
    desiredOutcome: text(form.desiredOutcome),
    saleAtRisk: ticked(form.saleAtRisk)
      ? { model: text(form.saleModel), value: saleValue !== undefined ? { amount: saleValue, currency: ctx.currency } : undefined }
      : undefined,
    onTheSpot,
  }) as Record<string, unknown>;
}

/** The optional parts the intake page folds under "More details". */
export const MORE_DETAILS_FIELDS = ['desiredOutcome', 'saleAtRisk', 'saleModel', 'saleValue', 'vehicleRegistration', 'vehicleModel', 'styleEnergy', 'styleFocus'] as const;

/** The fold opens again when the form comes back with one of its fields filled in: a mistake there must be seen. */
export function moreDetailsOpen(form: IntakeForm): boolean {
  return MORE_DETAILS_FIELDS.some((f) => text(form[f]) !== undefined);
}

/** Drops undefined fields, so optional parts that were left empty are simply absent. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, prune(v)]));
  }
  return value;
}
