import { describe, expect, it } from 'vitest';
import { ClusterStart } from './cluster-start.js';

describe('ClusterStart: the order a cluster starts in', () => {
  it('forks the others once the first has migrated and lets nobody listen until all have built their app', () => {
    const start = new ClusterStart(3);
    expect(start.on({ kind: 'prepared', worker: 1, migrated: true })).toEqual([{ kind: 'fork-others', count: 2 }]);
    expect(start.on({ kind: 'prepared', worker: 2, migrated: false })).toEqual([]);
    expect(start.on({ kind: 'prepared', worker: 3, migrated: false })).toEqual([{ kind: 'listen', workers: [1, 2, 3] }]);
    expect(start.on({ kind: 'ready', worker: 2 })).toEqual([]);
    expect(start.on({ kind: 'ready', worker: 1 })).toEqual([]);
    expect(start.on({ kind: 'ready', worker: 3 })).toEqual([{ kind: 'announce' }]);
  });

  it('lets a replacement started later listen as soon as it is built', () => {
    const start = new ClusterStart(2);
    start.on({ kind: 'prepared', worker: 1, migrated: true });
    start.on({ kind: 'prepared', worker: 2, migrated: false });
    start.on({ kind: 'ready', worker: 1 });
    start.on({ kind: 'ready', worker: 2 });
    expect(start.stopped(2)).toBe(true);
    expect(start.on({ kind: 'prepared', worker: 3, migrated: false })).toEqual([{ kind: 'listen', workers: [3] }]);
    expect(start.on({ kind: 'ready', worker: 3 })).toEqual([{ kind: 'announce' }]);
  });

  it('says a worker that died before it served was starting', () => {
    const start = new ClusterStart(2);
    start.on({ kind: 'prepared', worker: 1, migrated: true });
    expect(start.stopped(1)).toBe(false);
  });
});
