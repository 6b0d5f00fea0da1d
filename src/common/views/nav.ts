import type { Role } from '../auth/roles.js';
import { translateTree } from '../i18n/translator.js';

export interface NavItem {
  href: string;
  /** Its word in the translations' `shell.nav`. */
  key: string;
  /** In the reader's language. */
  label: string;
  /** The page being shown is this item or below it (aria-current="page"). */
  current: boolean;
}

const ITEMS: { href: string; key: string; roles?: readonly Role[] }[] = [
  { href: '/intake', key: 'intake' },
  { href: '/tickets', key: 'tickets' },
  { href: '/contacts', key: 'contacts', roles: ['department-manager', 'quality-manager', 'principal', 'admin'] },
  { href: '/dashboard', key: 'dashboard', roles: ['department-manager', 'quality-manager', 'principal', 'admin'] },
  { href: '/improvements', key: 'improvements', roles: ['department-manager', 'quality-manager', 'principal', 'admin'] },
  { href: '/surveys', key: 'surveys', roles: ['department-manager', 'quality-manager', 'principal', 'admin'] },
  { href: '/reports/satisfaction', key: 'satisfaction', roles: ['department-manager', 'quality-manager', 'principal', 'admin'] },
  { href: '/admin', key: 'admin', roles: ['admin'] },
  { href: '/api/docs', key: 'api', roles: ['quality-manager', 'principal', 'admin'] },
];

/**
 * The main navigation for a role on a path. A receptionist at the counter logs incidents and
 * follows their tickets: the reports stay reachable by address, but out of the way.
 */
export function navItems(role: unknown, path: unknown, language: unknown = 'en'): NavItem[] {
  const at = typeof path === 'string' ? path : '';
  const words = translateTree(typeof language === 'string' ? language : 'en', 'shell.nav') as Record<string, string>;
  return ITEMS.filter((i) => !i.roles || i.roles.includes(role as Role)).map((i) => ({
    href: i.href,
    key: i.key,
    label: words[i.key] ?? i.key,
    current: at === i.href || at.startsWith(`${i.href}/`),
  }));
}
