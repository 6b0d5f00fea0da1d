import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-redaction.js';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd';

describe('redactUrl', () => {
  it.each([
    [`/track/${TOKEN}`, '/track/[token]'],
    [`/track/${TOKEN}/messages?lang=nl`, '/track/[token]/messages?lang=nl'],
    [`/api/track/${TOKEN}`, '/api/track/[token]'],
    [`/API/TRACK/${TOKEN}`, '/API/TRACK/[token]'],
    [`/Track/${TOKEN}`, '/Track/[token]'],
    [`//track//${TOKEN}`, '//track//[token]'],
    [`/%74rack/${TOKEN}`, '/track/[token]'],
    [`/track%2F${TOKEN}`, '/track/[token]'],
    [`/track/${TOKEN.slice(0, 10)}%2541${TOKEN.slice(11)}`, '/track/[token]'],
    [`/login?next=%2Ftrack%2F${TOKEN}`, '/login?next=/track/[token]'],
    [`/tickets?_csrf=${TOKEN}&x=1`, '/tickets?_csrf=[token]&x=1'],
    [`/tickets?a=1&%5Fcsrf=${TOKEN}`, '/tickets?a=1&_csrf=[token]'],
    [`/tickets?_CSRF=${TOKEN}`, '/tickets?_CSRF=[token]'],
    [`/tickets?%255Fcsrf=${TOKEN}`, '/tickets?_csrf=[token]'],
    [`/track/${TOKEN}%zz`, '/track/[token]'],
  ])('%s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
    expect(redactUrl(url)).not.toContain(TOKEN.slice(12));
  });

  it('leaves other URLs readable', () => {
    expect(redactUrl('/tickets?status=open&q=tracked%20car')).toBe('/tickets?status=open&q=tracked car');
  });
});
