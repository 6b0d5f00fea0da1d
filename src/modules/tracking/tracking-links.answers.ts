import type { Answer } from '../../common/openapi/answer-schemas.js';
import { TRACKING_LINK_SCHEMA } from '../tickets/ticket.answer.js';

/**
 * What the routes of tracking-links.controller.ts answer, as OpenAPI schemas with an example each (the contract test
 * checks every answer of the suite against them: test/e2e/api-contract.e2e-spec.ts).
 */
export const TRACKING_LINKS_ANSWERS = {
  reissue: {
    schema: TRACKING_LINK_SCHEMA,
    example: { trackingUrl: 'http://127.0.0.1:35841/track/vWads2TpUVDq122Bl2LMbJUuYHK-L9Nt_1v6l1OdJHE' }
  }
} satisfies Record<string, Answer>;
