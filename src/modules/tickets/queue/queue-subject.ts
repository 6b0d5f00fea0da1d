/**
 * A queue row's subject: the start of the customer's words on one line, cut at a word
 * near `max` characters with an ellipsis, so the quality manager reads what it is about
 * without opening it. `start` holds at most max + 1 characters: one more tells it was cut.
 */
export function subjectExcerpt(start: string | null | undefined, max = 80): string {
  const flat = (start ?? '').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  // A word cut in half reads worse than a slightly shorter line, unless it is one long word.
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}
