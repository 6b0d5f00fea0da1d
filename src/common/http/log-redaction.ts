/**
 * A request URL as the logs may show it: tracking tokens and CSRF tokens replaced.
 *
 * Express matches routes case-insensitively, collapses nothing and decodes parameters, so
 * `/API/TRACK/<token>`, `//track/<token>`, `/track/%41…` and `?%5Fcsrf=` all reach the
 * same handlers as their plain forms. The URL is therefore decoded (repeatedly, as a
 * double-encoded one would be by a proxy) and matched without regard to case or to runs of
 * slashes; what is logged is the decoded, redacted form.
 */
export function redactUrl(url: string): string {
  let decoded = url;
  for (let i = 0; i < 3; i++) {
    const next = safeDecode(decoded);
    if (next === decoded) break;
    decoded = next;
  }
  return decoded
    .replace(/([/\\]+track[/\\]+)[^/\\?#&]+/gi, '$1[token]')
    .replace(/([?&;]\s*_csrf\s*=)[^&;#]*/gi, '$1[token]');
}

/** Like decodeURIComponent, but a malformed escape is decoded around rather than thrown on. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s.replace(/%[0-9a-f]{2}/gi, (hex) => {
      try {
        return decodeURIComponent(hex);
      } catch {
        return hex;
      }
    });
  }
}
