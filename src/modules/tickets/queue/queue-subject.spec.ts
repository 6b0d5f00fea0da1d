import { describe, expect, it } from 'vitest';
import { subjectExcerpt } from './queue-subject.js';

describe('a queue row subject', () => {
  it('keeps short words whole, on one line', () => {
    expect(subjectExcerpt('Waited 25 minutes.\n\nNobody came.')).toBe('Waited 25 minutes. Nobody came.');
    expect(subjectExcerpt(null)).toBe('');
  });

  it('cuts long words at a word near 80 characters with an ellipsis', () => {
    const account = 'I was to see a salesperson at 9:00. The team was in its morning meeting, nobody came, I left after 25 minutes.';
    const s = subjectExcerpt(account.slice(0, 81));
    expect(s).toBe('I was to see a salesperson at 9:00. The team was in its morning meeting, nobody…');
    expect(s.length).toBeLessThanOrEqual(81);
  });

  it('cuts one endless word at the limit', () => {
    expect(subjectExcerpt('x'.repeat(81))).toBe(`${'x'.repeat(80)}…`);
  });
});
