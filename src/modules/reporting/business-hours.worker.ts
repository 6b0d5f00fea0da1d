import { serveTasks } from '../../common/threads/thread-pool.js';
import { businessHours, medianOf } from './business-hours.js';

// The worker thread of BusinessHoursPool: the dashboard's business-time arithmetic, off the event loop.
void serveTasks({ businessHours, medianOf });
