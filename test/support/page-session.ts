/** The sign-in form as a browser gets it: its pre-session cookie and the token in its hidden field. */
export async function loginForm(baseUrl: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${baseUrl}/login`, { headers: { accept: 'text/html' }, redirect: 'manual' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1];
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!csrf || !cookie) throw new Error(`sign-in form: ${res.status}, no token`);
  return { cookie, csrf };
}

/** A browser-like session for page tests: a cookie, the CSRF token from the forms, form posts. */
export class PageSession {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
  ) {}

  static async signIn(baseUrl: string, email: string, password = 'demo-password'): Promise<PageSession> {
    const form = await loginForm(baseUrl);
    const res = await fetch(`${baseUrl}/login`, { method: 'POST', body: new URLSearchParams({ _csrf: form.csrf, email, password }), redirect: 'manual', headers: { cookie: form.cookie, accept: 'text/html' } });
    if (res.status !== 303) throw new Error(`sign-in ${email}: ${res.status}`);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('amends_session='))!;
    return new PageSession(baseUrl, session.split(';')[0]);
  }

  async get(path: string): Promise<{ status: number; html: string }> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie, accept: 'text/html' }, redirect: 'manual' });
    return { status: res.status, html: await res.text() };
  }

  /** Posts a form the way the page does, with the CSRF token found on `from`. */
  async post(path: string, fields: Record<string, string>, from = path): Promise<{ status: number; html: string; location: string | null }> {
    const page = await this.get(from);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrf, ...fields }),
      headers: { cookie: this.cookie, accept: 'text/html' },
      redirect: 'manual',
    });
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  }
}
