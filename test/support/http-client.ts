/** A small HTTP client for tests: JSON in and out, a session cookie and its CSRF token when signed in. */
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export class Client {
  constructor(
    readonly baseUrl: string,
    private cookie?: string,
    private csrf?: string,
    private bearer?: string,
  ) {}

  static anonymous(baseUrl: string): Client {
    return new Client(baseUrl);
  }

  static withKey(baseUrl: string, key: string): Client {
    return new Client(baseUrl, undefined, undefined, key);
  }

  /** Signs in through the API, as a browser would. */
  static async login(baseUrl: string, email: string, password = 'demo-password'): Promise<Client> {
    const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { csrfToken: string };
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    return new Client(baseUrl, cookie, body.csrfToken);
  }

  get sessionCookie(): string | undefined {
    return this.cookie;
  }

  withoutCsrf(): Client {
    return new Client(this.baseUrl, this.cookie, undefined, this.bearer);
  }

  get<T = any>(path: string, headers: Record<string, string> = {}): Promise<Reply<T>> {
    return this.send<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    return this.send<T>('POST', path, body, headers);
  }
  patch<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.send<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.send<T>('PUT', path, body);
  }
  delete<T = any>(path: string): Promise<Reply<T>> {
    return this.send<T>('DELETE', path);
  }

  async send<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    if (body !== undefined && typeof body !== 'string') headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }
}
