import { describe, expect, it } from 'vitest';
import { STYLE_GUIDANCE, styleColour } from './communication-style.js';

describe('communication style', () => {
  it('maps the two choices to the four colours', () => {
    expect(styleColour(true, true)).toBe('red');
    expect(styleColour(true, false)).toBe('yellow');
    expect(styleColour(false, false)).toBe('green');
    expect(styleColour(false, true)).toBe('blue');
  });
  it('has advice for every colour', () => {
    for (const colour of ['red', 'yellow', 'green', 'blue'] as const) expect(STYLE_GUIDANCE[colour].advice.length).toBeGreaterThan(0);
  });
});
