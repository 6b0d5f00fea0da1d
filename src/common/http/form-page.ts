import type { Response } from 'express';
import { DomainError } from '../errors/domain-error.js';
import { statusForCode } from '../errors/error-codes.js';
import { formErrors, type FieldMap, type FormErrors } from './form-errors.js';

export interface FormAgain<M extends object> {
  /** The view that holds the form. */
  view: string;
  /** Its model, rebuilt for the refusal (the errors are added as `formErrors`). */
  model: () => Promise<M> | M;
  /** The reader's language; for a page that learns it from its own model (tracking), a function of it. */
  language: string | ((model: M) => string);
  fields?: FieldMap;
  /** Which of the page's forms was sent, when it has several. */
  form?: string;
  /** Unknown records (and other dealers', which look the same) go to the error page, not back to the form. */
  notFoundToErrorPage?: boolean;
}

/**
 * The one catch-and-render of every page form: a refusal (a DomainError, validation
 * included) shows the form again with each message under its field, at the status
 * of the refusal's code; anything else goes on to the exception filter.
 */
export async function showFormAgain<M extends object>(res: Response, e: unknown, again: FormAgain<M>): Promise<void> {
  if (!(e instanceof DomainError)) throw e;
  const status = statusForCode(e.code);
  if (again.notFoundToErrorPage && status === 404) throw e;
  const model = await again.model();
  const language = typeof again.language === 'function' ? again.language(model) : again.language;
  const errors: FormErrors = formErrors(e, language, { fields: again.fields, form: again.form });
  res.status(status).render(again.view, { ...model, formErrors: errors });
}

/** Runs a form's work (which answers on success, usually a redirect); a refusal shows the form again. */
export async function submitForm<M extends object>(res: Response, work: () => Promise<unknown>, again: FormAgain<M>): Promise<void> {
  try {
    await work();
  } catch (e) {
    await showFormAgain(res, e, again);
  }
}
