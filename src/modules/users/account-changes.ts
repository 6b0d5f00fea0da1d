import type { Role } from './roles.js';

export interface AccountFields {
  name: string;
  role: Role;
  dealerId: string | null;
  department: string | null;
  active: boolean;
  /** The language of the user's mails. */
  language: string;
}

/** The fields that differ, each as [old, new]: what an account's history records. */
export function accountChanges(before: AccountFields, after: AccountFields): Partial<Record<keyof AccountFields, [unknown, unknown]>> {
  const keys: (keyof AccountFields)[] = ['name', 'role', 'dealerId', 'department', 'active', 'language'];
  return Object.fromEntries(keys.filter((k) => before[k] !== after[k]).map((k) => [k, [before[k], after[k]]]));
}
