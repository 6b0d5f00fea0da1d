import { Initial1763900000000 } from './1763900000000-initial.js';
import { RecoveryWorkflow1763910000000 } from './1763910000000-recovery-workflow.js';
import { TimelineAppendOnly1763920000000 } from './1763920000000-timeline-append-only.js';
import { SlaEscalationOutbox1763930000000 } from './1763930000000-sla-escalation-outbox.js';
import { Surveys1763940000000 } from './1763940000000-surveys.js';
import { TrackingLinks1763950000000 } from './1763950000000-tracking-links.js';
import { QueueIndexes1763960000000 } from './1763960000000-queue-indexes.js';
import { SurveyDeliveryTrust1764020000000 } from './1764020000000-survey-delivery-trust.js';
import { CompensationApprovedByRole1764030000000 } from './1764030000000-compensation-approved-by-role.js';
import { AccountLifecycle1764050000000 } from './1764050000000-account-lifecycle.js';
import { Idempotency1764080000000 } from './1764080000000-idempotency.js';
import { ForeignKeyIndexes1764110000000 } from './1764110000000-foreign-key-indexes.js';
import { QueueCounts1764120000000 } from './1764120000000-queue-counts.js';
import { TicketSearch1764140000000 } from './1764140000000-ticket-search.js';
import { SharedProcessState1764150000000 } from './1764150000000-shared-process-state.js';
import { CacheVersions1764160000000 } from './1764160000000-cache-versions.js';
import { DealerContact1764350000000 } from './1764350000000-dealer-contact.js';
import { Improvements1764400000000 } from './1764400000000-improvements.js';
import { LoyaltyJourney1764410000000 } from './1764410000000-loyalty-journey.js';
import { QueueViews1764440000000 } from './1764440000000-queue-views.js';
import { ReportIndexes1764850000000 } from './1764850000000-report-indexes.js';
import { TicketSearchVocab1764890000000 } from './1764890000000-ticket-search-vocab.js';

/** Every migration, in order. */
export const MIGRATIONS = [Initial1763900000000, RecoveryWorkflow1763910000000, TimelineAppendOnly1763920000000, SlaEscalationOutbox1763930000000, Surveys1763940000000, TrackingLinks1763950000000, QueueIndexes1763960000000, SurveyDeliveryTrust1764020000000, CompensationApprovedByRole1764030000000, AccountLifecycle1764050000000, Idempotency1764080000000, ForeignKeyIndexes1764110000000, QueueCounts1764120000000, TicketSearch1764140000000, SharedProcessState1764150000000, CacheVersions1764160000000, DealerContact1764350000000, Improvements1764400000000, LoyaltyJourney1764410000000, QueueViews1764440000000, ReportIndexes1764850000000, TicketSearchVocab1764890000000];
