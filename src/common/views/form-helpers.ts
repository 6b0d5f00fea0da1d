import hbs from 'hbs';
import type { FormErrors } from '../http/form-errors.js';

const { SafeString, escapeExpression } = hbs.handlebars;

type Options = { hash?: { in?: string }; data?: { root?: { formErrors?: FormErrors } } };

/** The page's refusal, if it is for this form (pages with several forms name theirs with `in=`). */
function errorsFor(options: Options): FormErrors | null {
  const errors = options.data?.root?.formErrors;
  const form = options.hash?.in ?? null;
  return errors && errors.form === form ? errors : null;
}

/** The input's id, and its message's: `f-reopen-reason` / `e-reopen-reason` on a page of several forms. */
export function fieldIds(field: string, form: string | null): { input: string; message: string } {
  const name = form ? `${form}-${field}` : field;
  return { input: `f-${name}`, message: `e-${name}` };
}

/**
 * The one way forms show what is wrong with a field (partials/field-error.hbs and the
 * attributes on the input): the message under the field, tied to it for screen readers,
 * and the first bad field on the page focused when it opens. No script needed.
 */
/** Refusals whose first bad field (in page order: helpers run top to bottom) already has the focus. */
const focused = new WeakSet<FormErrors>();

export const formHelpers: Record<string, (...args: unknown[]) => unknown> = {
  /** `<input name="x" {{fieldAttrs "x"}}>`: its id, and when it is wrong aria-invalid, aria-describedby and (the first) autofocus. */
  fieldAttrs: (field: unknown, options: unknown) => {
    const o = options as Options;
    const ids = fieldIds(String(field), o.hash?.in ?? null);
    const errors = errorsFor(o);
    let attrs = `id="${escapeExpression(ids.input)}"`;
    if (errors?.fields[String(field)]) {
      attrs += ` aria-invalid="true" aria-describedby="${escapeExpression(ids.message)}"`;
      if (!focused.has(errors)) {
        focused.add(errors);
        attrs += ' autofocus';
      }
    }
    return new SafeString(attrs);
  },
  /** The field's message and its id, for partials/field-error.hbs; nothing when the field is fine. */
  fieldError: (field: unknown, options: unknown) => {
    const o = options as Options;
    const message = errorsFor(o)?.fields[String(field)];
    return message ? { id: fieldIds(String(field), o.hash?.in ?? null).message, message } : null;
  },
  /** `in=(concat "user-" id)`: the name of one of a list's forms. */
  concat: (...args: unknown[]) => args.slice(0, -1).join(''),
  /** The summary's link target for a field. */
  fieldHref: (field: unknown, form: unknown) => `#${fieldIds(String(field), typeof form === 'string' ? form : null).input}`,
};
