import { fuzzEndpoints, WRITE_ENDPOINTS } from './support/fuzz.js';

// The ticket actions; the other write endpoints are in fuzz-admin-public (one app per core).
fuzzEndpoints('tickets', WRITE_ENDPOINTS.filter((r) => r.includes('/api/tickets')));
