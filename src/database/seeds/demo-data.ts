import type { BusinessCalendar } from '../../modules/dealers/calendar.js';

/** The demo of API.md: a dealer in Norway, Sweden and the Netherlands, and a user of each role. */
export const DEMO_PASSWORD = 'demo-password';

const christmas = (year: number) => [
  { date: `${year}-12-24`, intervals: [['09:00', '12:00']] as [string, string][], name: 'Christmas Eve' },
  { date: `${year}-12-25`, intervals: [], name: 'Christmas Day' },
  { date: `${year}-12-26`, intervals: [], name: 'Boxing Day' },
  { date: `${year + 1}-01-01`, intervals: [], name: "New Year's Day" },
];

function calendar(weekly: BusinessCalendar['weekly'], year: number): BusinessCalendar {
  return { weekly, holidays: [...christmas(year), ...christmas(year + 1)] };
}

export function demoDealers(year: number) {
  return [
    {
      country: 'no',
      name: 'Fjord Bil Oslo',
      timeZone: 'Europe/Oslo',
      language: 'nb',
      currency: 'NOK',
      phone: '+47 22 12 34 56',
      address: 'Drammensveien 130, 0277 Oslo',
      calendar: calendar(
        { mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '17:00']], thu: [['08:00', '19:00']], fri: [['08:00', '16:00']], sat: [['10:00', '15:00']] },
        year,
      ),
    },
    {
      country: 'se',
      name: 'Västkustens Bil Göteborg',
      timeZone: 'Europe/Stockholm',
      language: 'sv',
      currency: 'SEK',
      phone: '+46 31 712 34 56',
      address: 'Bergslagsgatan 12, 411 04 Göteborg',
      calendar: calendar(
        { mon: [['07:30', '12:00'], ['12:30', '17:00']], tue: [['07:30', '12:00'], ['12:30', '17:00']], wed: [['07:30', '12:00'], ['12:30', '17:00']], thu: [['07:30', '12:00'], ['12:30', '17:00']], fri: [['07:30', '12:00'], ['12:30', '16:00']] },
        year,
      ),
    },
    {
      country: 'nl',
      name: 'Autohuis Utrecht',
      timeZone: 'Europe/Amsterdam',
      language: 'nl',
      currency: 'EUR',
      phone: '+31 30 234 56 78',
      address: 'Kanaalweg 8, 3526 KL Utrecht',
      calendar: calendar(
        { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '17:00']], sat: [['11:00', '16:00']], sun: [['11:00', '16:00']] },
        year,
      ),
    },
  ] as const;
}

/** The sales-desk wait of the product description, as the Dutch receptionist logs it. */
export function salesDeskWait(dealerId: string, receivedAt: string) {
  return {
    dealerId,
    department: 'sales',
    category: 'waiting-time',
    channel: 'walk-in' as const,
    severity: 'high' as const,
    receivedAt,
    customer: { name: 'Sanne de Vries', email: 'sanne.devries@example.nl', phone: '+31 6 1234 5678', language: 'nl', style: { outgoing: false, factsFirst: true } },
    vehicle: { registration: 'K-123-BD', model: 'Golf Variant (loan car)' },
    account:
      'I had arranged with reception to see a salesperson at 9:00 about trading in my car. The sales team was in its morning meeting, nobody introduced themselves, and after 25 minutes of waiting I left. I will buy my next car elsewhere.',
    desiredOutcome: 'A real apology from sales and an appointment that starts on time.',
    saleAtRisk: { model: 'ID.7 Tourer', value: { amount: 52000, currency: 'EUR' } },
    onTheSpot: {
      listened: true,
      apology: { by: 'Reception (Utrecht)', how: 'in-person' as const },
      compensation: { kind: 'fuel' as const, value: { amount: 45, currency: 'EUR' }, note: 'No need to refuel the loan car' },
    },
  };
}

/** The after-sales survey of the demo: the four areas of the satisfaction index. */
export function demoAfterSalesSurvey() {
  return {
    name: 'After-sales satisfaction',
    kind: 'after-sales',
    questions: [
      { id: 'driving', text: 'How does the car drive after the visit?', area: 'product-driving', weight: 40, scaleMax: 10, negativeAtOrBelow: 4, department: 'service', category: 'product' },
      { id: 'reception-wait', text: 'Waiting time at reception', area: 'workshop-service', weight: 20, scaleMax: 10, negativeAtOrBelow: 4, department: 'service', category: 'waiting-time' },
      { id: 'explained', text: 'Was the work explained to you?', area: 'dealer-purchase', weight: 20, scaleMax: 10, negativeAtOrBelow: 4, department: 'service', category: 'communication' },
      { id: 'recommend', text: 'Would you recommend the brand?', area: 'loyalty', weight: 20, scaleMax: 10, negativeAtOrBelow: 4, department: 'sales', category: 'loyalty' },
    ],
  };
}

export const DEMO_SURVEY_SCORES: Record<string, Record<string, number>[]> = {
  no: [{ driving: 9, 'reception-wait': 8, explained: 9, recommend: 9 }, { driving: 8, 'reception-wait': 7, explained: 8, recommend: 8 }],
  se: [{ driving: 7, 'reception-wait': 6, explained: 7, recommend: 7 }, { driving: 8, 'reception-wait': 9, explained: 6, recommend: 8 }],
  nl: [{ driving: 9, 'reception-wait': 2, explained: 7, recommend: 6 }, { driving: 9, 'reception-wait': 8, explained: 9, recommend: 9 }],
};
