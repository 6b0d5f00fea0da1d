/** Vocabulary a dealer is configured with; tickets use it too. */
export const DEPARTMENTS = ['sales', 'service', 'parts', 'reception', 'finance', 'other'] as const;

/** Languages customers are served in. */
export const LANGUAGES = ['en', 'nb', 'sv', 'nl'] as const;

/** A slug: lower-case words joined by hyphens (admins may add departments and categories). */
export const SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
