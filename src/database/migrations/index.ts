import { Initial1763900000000 } from './1763900000000-initial.js';
import { RecoveryWorkflow1763910000000 } from './1763910000000-recovery-workflow.js';

/** Every migration, in order. */
export const MIGRATIONS = [Initial1763900000000, RecoveryWorkflow1763910000000];
