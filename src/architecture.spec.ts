import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Each module owns its tables: only its own files import its entities (to query them),
 * register them in TypeOrmModule.forFeature or name its tables in SQL. Other modules go
 * through the owning module's service, repository or read model. A type-only import of
 * another module's entity is a shape, not a read, and is allowed.
 */

const SRC = dirname(fileURLToPath(import.meta.url));
const MODULES = join(SRC, 'modules');

/** What must stay for now, file → what it reaches into, each with its reason. */
const ALLOWED: Record<string, { targets: string[]; why: string }> = {
  'modules/tickets/reports/ticket-report.read-model.ts': {
    targets: ['sla/sla-timer.entity'],
    why: "a timer carries no dealer: the report's timer figures join timers to their ticket in the database (tickets already depends on sla; sla cannot depend on tickets)",
  },
  'modules/improvements/improvement.repository.ts': {
    targets: ['tickets/ticket.entity', 'users/user.entity'],
    why: 'suggestions group fixed tickets by dealer, department and cause in one statement on the fixedAt index that also rules out causes with an open improvement (NOT EXISTS), and linked tickets join improvement_tickets to tickets: tickets cannot ask improvements (it is their client); owners and quality managers are read inside the transaction that claims and writes their mail',
  },
};

interface Reach {
  file: string;
  target: string;
  how: 'import' | 'forFeature' | 'sql';
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const moduleOf = (path: string) => relative(MODULES, path).split('/')[0];
const key = (path: string) => relative(SRC, path);

/** Table name → module that owns it, from the @Entity declarations. */
function tableOwners(all: string[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of all) {
    for (const m of readFileSync(file, 'utf8').matchAll(/@Entity\('([a-z_]+)'\)/g)) owners.set(m[1], moduleOf(file));
  }
  return owners;
}

/** Every way a file of one module reaches another module's tables. */
export function reaches(source: string, file: string, owners: Map<string, string>): Reach[] {
  const own = moduleOf(file);
  const found: Reach[] = [];
  const entityImports = new Map<string, string>(); // imported name → entity path relative to modules/
  for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+\.entity\.js)'/g)) {
    const target = resolve(dirname(file), m[3]);
    const targetKey = relative(MODULES, target).replace(/\.js$/, '');
    if (moduleOf(target) === own || targetKey.startsWith('..')) continue;
    const names = m[2].split(',').map((n) => n.trim()).filter(Boolean);
    const valueNames = m[1] ? [] : names.filter((n) => !n.startsWith('type '));
    for (const n of valueNames) entityImports.set(n.split(/\s+as\s+/).pop()!, targetKey);
    if (valueNames.length) found.push({ file: key(file), target: targetKey, how: 'import' });
  }
  for (const m of source.matchAll(/forFeature\(\[([^\]]*)\]/g)) {
    for (const name of m[1].split(',').map((n) => n.trim())) {
      const target = entityImports.get(name);
      if (target) found.push({ file: key(file), target, how: 'forFeature' });
    }
  }
  for (const m of source.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+"?([a-z_]+)"?/g)) {
    const owner = owners.get(m[1]);
    if (owner && owner !== own) found.push({ file: key(file), target: `table ${m[1]} (${owner})`, how: 'sql' });
  }
  return found;
}

describe('module boundaries', () => {
  const all = files(MODULES);
  const owners = tableOwners(all);
  const found = all.flatMap((f) => reaches(readFileSync(f, 'utf8'), f, owners));

  it("no module imports, registers or queries another module's tables, beyond the allow-list", () => {
    const unexpected = found.filter((r) => !ALLOWED[r.file]?.targets.some((t) => r.target === t));
    expect(unexpected).toEqual([]);
  });

  it('the allow-list holds nothing that is no longer needed', () => {
    const stale = Object.entries(ALLOWED).flatMap(([file, { targets }]) => targets.filter((t) => !found.some((r) => r.file === file && r.target === t)).map((t) => `${file} → ${t}`));
    expect(stale).toEqual([]);
  });

  it('catches an entity import, a forFeature registration and raw SQL of another module', () => {
    const file = join(MODULES, 'tracking', 'x.module.ts');
    const source = [
      "import { Ticket } from '../tickets/ticket.entity.js';",
      "import type { Customer } from '../tickets/customers/customer.entity.js';",
      "import { TrackingLink } from './tracking-link.entity.js';",
      '@Module({ imports: [TypeOrmModule.forFeature([TrackingLink, Ticket])] })',
      "const q = 'SELECT 1 FROM tickets t JOIN tracking_links l ON l.\"ticketId\" = t.id';",
    ].join('\n');
    expect(reaches(source, file, owners)).toEqual([
      { file: 'modules/tracking/x.module.ts', target: 'tickets/ticket.entity', how: 'import' },
      { file: 'modules/tracking/x.module.ts', target: 'tickets/ticket.entity', how: 'forFeature' },
      { file: 'modules/tracking/x.module.ts', target: 'table tickets (tickets)', how: 'sql' },
    ]);
  });
});

/** Module-level imports of a module's files (value and type imports alike). */
function importedModules(dir: string): Set<string> {
  const found = new Set<string>();
  for (const file of files(join(MODULES, dir))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/from\s+'(\.[^']+)'/g)) {
      const target = relative(MODULES, resolve(dirname(file), m[1]));
      if (!target.startsWith('..')) found.add(target.split('/')[0]);
    }
  }
  return found;
}

describe('module import graph', () => {
  it('users and dealers do not import each other (roles and auth decorators live in common/auth)', () => {
    const usersImportsDealers = importedModules('users').has('dealers');
    const dealersImportsUsers = importedModules('dealers').has('users');
    expect(usersImportsDealers && dealersImportsUsers).toBe(false);
    expect(dealersImportsUsers).toBe(false);
  });
});

describe('named constants', () => {
  const all = files(MODULES);
  const copies = (pattern: RegExp, home: string) => all.filter((f) => key(f) !== home && pattern.test(readFileSync(f, 'utf8'))).map(key);

  it('the SLA target list is written once (sla-clock.ts), every other file uses SLA_TARGETS', () => {
    expect(copies(/\[\s*'listen',\s*'apologise',\s*'fix',\s*'resolve'\s*\]/, 'modules/sla/sla-clock.ts')).toEqual([]);
  });

  it('the SLA states are written once (ticket-values.ts)', () => {
    expect(copies(/\[\s*'on-track',\s*'at-risk',\s*'breached',\s*'met'\s*\]/, 'modules/tickets/ticket-values.ts')).toEqual([]);
  });

  it('the recovery threshold is RECOVERED_AT_OR_ABOVE, never a literal score comparison', () => {
    expect(copies(/[sS]core\s*>=\s*\d/, 'modules/tickets/workflow/ticket-workflow.ts')).toEqual([]);
  });
});
