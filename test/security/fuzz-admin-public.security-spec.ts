import { fuzzEndpoints, WRITE_ENDPOINTS } from './support/fuzz.js';

// Sign-in, the customer's link, surveys, dealers, users, keys, SLA; the ticket actions are in fuzz-tickets.
fuzzEndpoints('admin-public', WRITE_ENDPOINTS.filter((r) => !r.includes('/api/tickets')));
