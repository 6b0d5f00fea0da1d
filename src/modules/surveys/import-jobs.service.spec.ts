import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../common/clock/clock.js';
import type { Actor } from '../users/roles.js';
import { ImportJobsService } from './import-jobs.service.js';
import type { SurveyImportService } from './survey-import.service.js';
import type { Survey } from './survey.entity.js';

const actor: Actor = { id: 'u1', name: 'Quality', role: 'quality-manager', dealerId: null, department: null, via: 'session' };
const survey = { id: 's1' } as Survey;
const report = { rows: 1, imported: 1, duplicates: 0, ticketsOpened: 0, errors: [], moreErrors: 0 };
/** The importer's part is not under test: it finishes at once. */
const importer = { importFile: async () => report } as unknown as SurveyImportService;
const upload = () => ({ path: '/nowhere', bytes: 10, discard: async () => undefined });

function sut() {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  return { clock, jobs: new ImportJobsService(importer, clock) };
}

describe('ImportJobsService', () => {
  it('stamps a job with the clock', () => {
    const { clock, jobs } = sut();
    expect(jobs.start(actor, survey, upload()).startedAt).toEqual(clock.now());
  });

  it('forgets a finished job an hour after it started, by the clock rather than real time', async () => {
    const { clock, jobs } = sut();
    const first = jobs.start(actor, survey, upload());
    await new Promise((r) => setImmediate(r));
    expect(jobs.get(actor, survey.id, first.id).state).toBe('done');

    clock.advance(59 * 60_000);
    jobs.start(actor, survey, upload());
    expect(jobs.get(actor, survey.id, first.id).id).toBe(first.id);

    clock.advance(2 * 60_000);
    jobs.start(actor, survey, upload());
    expect(() => jobs.get(actor, survey.id, first.id)).toThrow(/No import/);
  });
});
