import type { AuditEntry } from '@patientinsight/shared';
import { describe, expect, it } from 'vitest';
import { collapseReads } from './collapse-reads';

let seq = 100;
const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  seq: seq--,
  occurredAt: '2026-11-23T10:00:00.000Z',
  actorId: 'u-1',
  actorRole: 'patient',
  action: 'encounter.read',
  resourceType: 'encounter',
  resourceId: 'enc-1',
  patientId: 'u-1',
  outcome: 'success',
  ip: null,
  userAgent: null,
  requestId: null,
  details: null,
  hash: 'h',
  ...overrides,
});

describe('collapseReads', () => {
  it('folds consecutive reads of one resource by one person, keeping every entry', () => {
    const entries = [
      entry({}),
      entry({}),
      entry({}),
      entry({ resourceId: 'enc-2' }),
      entry({}),
      entry({ action: 'encounter.submit' }),
      entry({ action: 'encounter.submit' }),
    ];
    const lines = collapseReads(entries);
    expect(lines.map((l) => l.entries.length)).toEqual([3, 1, 1, 1, 1]);
    expect(lines.flatMap((l) => l.entries)).toEqual(entries);
  });

  it('never folds reads by different people, with different outcomes, or writes', () => {
    const lines = collapseReads([
      entry({}),
      entry({ actorId: 'u-2' }),
      entry({ actorId: 'u-2', outcome: 'denied' }),
      entry({ action: 'profile.update' }),
      entry({ action: 'profile.update' }),
    ]);
    expect(lines.map((l) => l.entries.length)).toEqual([1, 1, 1, 1, 1]);
  });
});
