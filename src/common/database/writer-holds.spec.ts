import { describe, expect, it } from 'vitest';
import { captureSite, framesOf, isSlowHold, labelOfFrames, slowHoldMessage, WriterHoldsRecorder, type Frame } from './writer-holds.js';

const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 21, 0, s));

describe('WriterHoldsRecorder', () => {
  it('keeps the longest holds, longest first, and every label’s count, total and longest', () => {
    const r = new WriterHoldsRecorder(at(0), 3);
    r.record('intake', 7, at(1));
    r.record('sweep batch', 73.456, at(2), { ms: 12.344, slowestMs: 6.1, slowestSql: 'UPDATE  tickets\n SET x = ?' });
    r.record('intake', 12, at(3));
    r.record('outbox claim', 1, at(4));
    r.record('intake', 9, at(5));
    const s = r.snapshot();
    expect(s.transactions).toBe(5);
    expect(s.totalMs).toBeCloseTo(102.46, 2);
    expect(s.longest).toEqual([
      { label: 'sweep batch', ms: 73.46, statementsMs: 12.34, slowest: { sql: 'UPDATE tickets SET x = ?', ms: 6.1 }, at: at(2).toISOString() },
      { label: 'intake', ms: 12, at: at(3).toISOString() },
      { label: 'intake', ms: 9, at: at(5).toISOString() },
    ]);
    expect(s.byLabel).toEqual([
      { label: 'sweep batch', count: 1, maxMs: 73.46, totalMs: 73.46 },
      { label: 'intake', count: 3, maxMs: 12, totalMs: 28 },
      { label: 'outbox claim', count: 1, maxMs: 1, totalMs: 1 },
    ]);
  });

  it('starts again from the reset', () => {
    const r = new WriterHoldsRecorder(at(0));
    r.record('intake', 7, at(1));
    r.reset(at(9));
    expect(r.snapshot()).toEqual({ since: at(9).toISOString(), transactions: 0, totalMs: 0, longest: [], byLabel: [] });
    r.record('import batch', 3, at(10));
    expect(r.snapshot().byLabel.map((l) => l.label)).toEqual(['import batch']);
  });

  it('keeps at most 200 labels apart, the rest under "other"', () => {
    const r = new WriterHoldsRecorder(at(0));
    for (let i = 0; i < 250; i++) r.record(`label ${i}`, 1, at(1));
    const labels = r.snapshot().byLabel;
    expect(labels).toHaveLength(201);
    expect(labels.find((l) => l.label === 'other')?.count).toBe(50);
  });
});

describe('slow holds', () => {
  it('are those above the threshold; 0 makes every one slow', () => {
    expect(isSlowHold(50, 50)).toBe(false);
    expect(isSlowHold(50.1, 50)).toBe(true);
    expect(isSlowHold(0.01, 0)).toBe(true);
  });

  it('are logged with what they were and how long, in the words of the engine', () => {
    expect(slowHoldMessage('sweep batch', 73.4, 'sqlite')).toBe('slow write transaction: sweep batch held the writer 73 ms');
    expect(slowHoldMessage('intake', 120.6, 'postgres')).toBe('slow write transaction: intake kept its transaction open 121 ms');
    expect(slowHoldMessage('intake', 113.2, 'sqlite', { ms: 109.4, slowestMs: 100.2, slowestSql: 'COMMIT' })).toBe(
      'slow write transaction: intake held the writer 113 ms (109 ms of it in statements, the slowest 100 ms: COMMIT)',
    );
  });
});

const frame = (type: string | null, fn: string | null, file = '/app/dist/src/x.js', line = 1): Frame => ({
  getTypeName: () => type,
  getFunctionName: () => fn,
  getMethodName: () => fn,
  getFileName: () => file,
  getLineNumber: () => line,
});

describe('labelOfFrames', () => {
  it('names the code that began the transaction and its caller, past the unit of work', () => {
    const frames = [frame('UnitOfWork', 'runBookkeeping'), frame('TicketTransitionsService', 'applyBatch'), frame('SlaSweepService', 'sweepBatch'), frame('SlaSweepService', 'sweep')];
    expect(labelOfFrames(frames, 'UnitOfWork')).toBe('TicketTransitionsService.applyBatch < SlaSweepService.sweepBatch');
  });

  it('names an anonymous function by its file and line, and says unknown when nothing is left', () => {
    expect(labelOfFrames([frame(null, null, '/app/dist/src/modules/x/import.js', 42), frame('Object', 'main')], 'UnitOfWork')).toBe('import:42 < main');
    expect(labelOfFrames([frame('UnitOfWork', 'run')], 'UnitOfWork')).toBe('unknown');
  });

  it('reads the frames V8 captured where the site was taken', () => {
    class Worker {
      begin() {
        return captureSite(this.begin);
      }
    }
    class Caller {
      call() {
        return new Worker().begin();
      }
    }
    // The site is taken below `begin`: the first frame is its caller.
    expect(labelOfFrames(framesOf(new Caller().call()), 'Worker')).toMatch(/^Caller\.call/);
  });
});
