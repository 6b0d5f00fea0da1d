import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where each security file leaves its figures (git-ignored), for SECURITY.md and the CI log. */
export const FIGURES_DIR = join(process.cwd(), 'test-output', 'security');

export function recordFigures(name: string, figures: unknown): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(join(FIGURES_DIR, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`[security figures] ${name}: ${JSON.stringify(figures)}`);
}
