import { Initial1763900000000 } from './1763900000000-initial.js';

/** Every migration, in order. */
export const MIGRATIONS = [Initial1763900000000];
