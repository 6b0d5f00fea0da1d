import { answerSchema, type Answer } from '../../common/openapi/answer-schemas.js';

/** What the customer's tracking link shows (the page's data, and each answer to what the customer does there): components/schemas/TrackingView. */
const TRACKING_VIEW_ANSWER = {
  schema: answerSchema('TrackingView', {
    type: 'object',
    properties: {
      ref: { type: 'string' },
      language: { type: 'string' },
      dealer: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          timeZone: { type: 'string' },
          phone: { type: 'string' },
          address: { type: 'string' },
          openingHours: {
            type: 'array',
            items: {
              type: 'object',
              properties: { day: { type: 'string' }, hours: { type: 'string' } },
              required: ['day', 'hours']
            }
          }
        },
        required: ['name', 'timeZone', 'phone', 'address', 'openingHours']
      },
      stage: { type: 'string' },
      status: { type: 'string' },
      stageText: { type: 'string' },
      steps: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            stage: { type: 'string' },
            label: { type: 'string' },
            done: { type: 'boolean' },
            current: { type: 'boolean' },
            given: { type: 'array', items: {} }
          },
          required: ['stage', 'label', 'done', 'current', 'given']
        }
      },
      timeline: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            at: { type: 'string', format: 'date-time' },
            text: { type: 'string' }
          },
          required: ['type', 'at', 'text']
        }
      },
      messages: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            at: { type: 'string', format: 'date-time' },
            from: { type: 'string' },
            body: { type: 'string' }
          },
          required: ['at', 'from', 'body']
        }
      },
      nextPromisedAt: { type: 'string', format: 'date-time', nullable: true },
      promise: { type: 'string', nullable: true },
      canRate: { type: 'boolean' },
      canReopen: { type: 'boolean' },
      labels: {
        type: 'object',
        properties: {
          page: {
            type: 'object',
            properties: {
              title: { type: 'string' },
              yourCase: { type: 'string' },
              language: { type: 'string' },
              openingHours: { type: 'string' },
              closed: { type: 'string' },
              promise: { type: 'string' },
              now: { type: 'string' },
              done: { type: 'string' },
              contact: { type: 'string' },
              phone: { type: 'string' },
              address: { type: 'string' }
            },
            required: [
              'title',
              'yourCase',
              'language',
              'openingHours',
              'closed',
              'promise',
              'now',
              'done',
              'contact',
              'phone',
              'address'
            ]
          },
          rating: {
            type: 'object',
            properties: {
              title: { type: 'string' },
              scale: { type: 'string' },
              comment: { type: 'string' },
              send: { type: 'string' }
            },
            required: ['title', 'scale', 'comment', 'send']
          },
          messages: {
            type: 'object',
            properties: {
              title: { type: 'string' },
              none: { type: 'string' },
              you: { type: 'string' },
              write: { type: 'string' },
              send: { type: 'string' },
              sent: { type: 'string' }
            },
            required: ['title', 'none', 'you', 'write', 'send', 'sent']
          },
          reopen: {
            type: 'object',
            properties: { title: { type: 'string' }, reason: { type: 'string' }, send: { type: 'string' } },
            required: ['title', 'reason', 'send']
          },
          history: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
          notFound: {
            type: 'object',
            properties: { title: { type: 'string' }, text: { type: 'string' }, help: { type: 'string' } },
            required: ['title', 'text', 'help']
          }
        },
        required: ['page', 'rating', 'messages', 'reopen', 'history', 'notFound']
      }
    },
    required: [
      'ref',
      'language',
      'dealer',
      'stage',
      'status',
      'stageText',
      'steps',
      'timeline',
      'messages',
      'nextPromisedAt',
      'promise',
      'canRate',
      'canReopen',
      'labels'
    ]
  }),
  example: {
    ref: 'AM-2026-000095',
    language: 'nl',
    dealer: {
      name: 'Autohuis Utrecht',
      timeZone: 'Europe/Amsterdam',
      phone: '+31 30 234 56 78',
      address: 'Kanaalweg 8, 3526 KL Utrecht',
      openingHours: [{ day: 'maandag', hours: '09:00–18:00' }, { day: 'dinsdag', hours: '09:00–18:00' }]
    },
    stage: 'listen',
    status: 'open',
    stageText: 'We luisteren naar u',
    steps: [
      { stage: 'listen', label: 'We luisteren naar u', done: false, current: true, given: [] },
      { stage: 'apologise', label: 'We bieden u onze excuses aan', done: false, current: false, given: [] }
    ],
    timeline: [{ type: 'created', at: '2026-11-30T14:07:57.186Z', text: 'We hebben uw melding ontvangen' }],
    messages: [],
    nextPromisedAt: '2026-12-01T09:07:57.186Z',
    promise: 'U hoort uiterlijk 1 december om 10:07 van ons.',
    canRate: false,
    canReopen: false,
    labels: {
      page: {
        title: 'Uw melding',
        yourCase: 'Uw melding {{ref}}',
        language: 'Taal',
        openingHours: 'Openingstijden',
        closed: 'gesloten',
        promise: 'U hoort uiterlijk {{date}} van ons.',
        now: 'nu',
        done: 'klaar',
        contact: 'Contact',
        phone: 'Telefoon',
        address: 'Adres'
      },
      rating: {
        title: 'Hebben we het goed opgelost?',
        scale: '1 = helemaal niet, 5 = helemaal wel',
        comment: 'Wilt u nog iets kwijt?',
        send: 'Beoordeling versturen'
      },
      messages: {
        title: 'Berichten',
        none: 'Nog geen berichten.',
        you: 'U',
        write: 'Stuur ons een bericht',
        send: 'Versturen',
        sent: 'Bedankt, uw bericht is verstuurd. We reageren zo snel mogelijk.'
      },
      reopen: {
        title: 'Toch niet opgelost?',
        reason: 'Vertel ons wat er nog niet goed is',
        send: 'Melding heropenen'
      },
      history: { title: 'Wat er is gebeurd' },
      notFound: {
        title: 'Deze link werkt niet',
        text: 'We kunnen bij deze link geen melding vinden. Misschien is de link verlopen of niet helemaal gekopieerd.',
        help: 'Neem contact op met uw dealer; die stuurt u graag een nieuwe link.'
      }
    }
  }
} satisfies Answer;

/**
 * What the routes of tracking.controller.ts answer, as OpenAPI schemas with an example each (the contract test
 * checks every answer of the suite against them: test/e2e/api-contract.e2e-spec.ts).
 */
export const TRACKING_ANSWERS = {
  trackingView: TRACKING_VIEW_ANSWER,
} satisfies Record<string, Answer>;
