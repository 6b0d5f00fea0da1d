import type { Role } from '../auth/roles.js';

export interface NavItem {
  href: string;
  label: string;
  /** The page being shown is this item or below it (aria-current="page"). */
  current: boolean;
}

const ITEMS: { href: string; label: string; roles?: readonly Role[] }[] = [
  { href: '/intake', label: 'Log incident' },
  { href: '/tickets', label: 'Tickets' },
  { href: '/contacts', label: 'Contacts due', roles: ['department-manager', 'quality-manager', 'principal', 'admin'] },
  { href: '/dashboard', label: 'Dashboard', roles: ['department-manager', 'quality-manager', 'principal', 'admin'] },
  { href: '/improvements', label: 'Improvements', roles: ['department-manager', 'quality-manager', 'principal', 'admin'] },
  { href: '/surveys', label: 'Surveys', roles: ['department-manager', 'quality-manager', 'principal', 'admin'] },
  { href: '/reports/satisfaction', label: 'Satisfaction', roles: ['department-manager', 'quality-manager', 'principal', 'admin'] },
  { href: '/admin', label: 'Admin', roles: ['admin'] },
  { href: '/api/docs', label: 'API', roles: ['quality-manager', 'principal', 'admin'] },
];

/**
 * The main navigation for a role on a path. A receptionist at the counter logs incidents and
 * follows their tickets: the reports stay reachable by address, but out of the way.
 */
export function navItems(role: unknown, path: unknown): NavItem[] {
  const at = typeof path === 'string' ? path : '';
  return ITEMS.filter((i) => !i.roles || i.roles.includes(role as Role)).map((i) => ({
    href: i.href,
    label: i.label,
    current: at === i.href || at.startsWith(`${i.href}/`),
  }));
}
