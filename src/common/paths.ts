import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder with package.json: the same answer from src/ (tests) and dist/src/ (built). */
export function projectRoot(from = import.meta.dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`No package.json above ${from}`);
    dir = up;
  }
  return dir;
}
