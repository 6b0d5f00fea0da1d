/** The four communication styles from two quick choices, and how to recover with each. */
export type StyleColour = 'red' | 'yellow' | 'green' | 'blue';

export function styleColour(outgoing: boolean, factsFirst: boolean): StyleColour {
  if (outgoing) return factsFirst ? 'red' : 'yellow';
  return factsFirst ? 'blue' : 'green';
}

export const STYLE_GUIDANCE: Record<StyleColour, { label: string; advice: string[] }> = {
  red: {
    label: 'Red: outgoing and factual',
    advice: ['Be brief and to the point.', 'Come back fast with a concrete offer.', 'Give alternatives and let the customer choose.'],
  },
  yellow: {
    label: 'Yellow: outgoing and feeling',
    advice: ['Make it personal and positive.', 'Remember and mention what they told you.', 'Agree the next step together before you hang up.'],
  },
  green: {
    label: 'Green: reflective and feeling',
    advice: ['Build trust; take time to listen.', 'Be explicit about what is included and what is not.', 'Check that they are comfortable with the plan.'],
  },
  blue: {
    label: 'Blue: reflective and factual',
    advice: ['Give the facts and the root cause.', 'Leave time for them to check, but set a date.', 'Put the details in writing.'],
  },
};
