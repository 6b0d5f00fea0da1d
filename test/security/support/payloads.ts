/**
 * 200+ XSS payloads from tags, handlers and wrappers, plus template syntax. Each one, if it ran,
 * would set `window.__xss`, or put an element with the id `xss-probe` on the page, so a browser
 * can tell. (A NUL byte is refused with 400: see validation.)
 */
export function payloads(): string[] {
  const run = 'window.__xss=1';
  const tags = [
    `<script>${run}</script>`,
    `<img src=x onerror="${run}">`,
    `<svg onload=${run}>`,
    `<svg><script>${run}</script></svg>`,
    `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
    `<a id=xss-probe href="javascript:${run}">x</a>`,
    `<body onload=${run}>`,
    `<details open ontoggle=${run}>`,
    `<b id=xss-probe>probe</b>`,
    `<math><mi xlink:href="javascript:${run}">x</mi></math>`,
    `<input autofocus onfocus=${run}>`,
    `<object data="javascript:${run}"></object>`,
  ];
  const wrappers = [(p: string) => p, (p: string) => `"${p}`, (p: string) => `'>${p}`, (p: string) => `</textarea>${p}`, (p: string) => `</title>${p}`, (p: string) => `<!--${p}-->`, (p: string) => `${p}<`, (p: string) => `\u200b${p}`];
  const out = tags.flatMap((tag) => wrappers.map((w) => w(tag)));
  const templates = ['{{constructor.constructor("window.__xss=1")()}}', '{{{raw}}}', '{{#each this}}x{{/each}}', '${window.__xss=1}', '<%= 7*7 %>', `javascript:${run}`, `" onmouseover="${run}`];
  for (let i = 0; out.length < 210; i++) out.push(`${tags[i % tags.length].replace('__xss=1', `__xss=${i}`)}${templates[i % templates.length]}`);
  return out;
}

/** The raw markup of a payload: none of it may appear unescaped in a page. A bare closing tag is left out (pages have their own). */
export function markupOf(payload: string): string[] {
  return (payload.match(/<[a-z!/][^<]*/gi) ?? []).filter((m) => !/^<\/\w+>$/.test(m));
}
