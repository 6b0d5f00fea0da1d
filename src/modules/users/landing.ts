import type { Role } from './roles.js';

/** Where each role starts: receptionists log incidents, managers work the queue, principals read the dashboard. */
export function landingPath(role: Role): string {
  if (role === 'receptionist') return '/intake';
  return role === 'principal' ? '/dashboard' : '/tickets';
}

/** Only same-site paths may be a redirect target after sign-in. */
export function safeNext(next: unknown): string | null {
  return typeof next === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(next) ? next : null;
}
