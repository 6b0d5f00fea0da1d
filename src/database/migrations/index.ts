import { Initial1763900000000 } from './1763900000000-initial.js';
import { RecoveryWorkflow1763910000000 } from './1763910000000-recovery-workflow.js';
import { TimelineAppendOnly1763920000000 } from './1763920000000-timeline-append-only.js';

/** Every migration, in order. */
export const MIGRATIONS = [Initial1763900000000, RecoveryWorkflow1763910000000, TimelineAppendOnly1763920000000];
