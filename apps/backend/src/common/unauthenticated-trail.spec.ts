import { describe, expect, it } from '@jest/globals';
import { UnauthenticatedTrail } from './unauthenticated-trail.js';

describe('UnauthenticatedTrail', () => {
  it('admits the first refusal per address, route and reason in a minute, then reports how many it left out', () => {
    let now = 0;
    const trail = new UnauthenticatedTrail(() => now);
    expect(trail.admit('1.1.1.1', 'GET /v1/me', 'no_token')).toBe(0);
    expect(trail.admit('1.1.1.1', 'GET /v1/me', 'no_token')).toBeNull();
    expect(trail.admit('1.1.1.1', 'GET /v1/me', 'no_token')).toBeNull();
    // Another reason, route or address is its own key.
    expect(trail.admit('1.1.1.1', 'GET /v1/me', 'invalid_token')).toBe(0);
    expect(trail.admit('1.1.1.1', 'GET /v1/profile', 'no_token')).toBe(0);
    expect(trail.admit('2.2.2.2', 'GET /v1/me', 'no_token')).toBe(0);
    now = 59_999;
    expect(trail.admit('1.1.1.1', 'GET /v1/me', 'no_token')).toBeNull();
    now = 60_000;
    expect(trail.admit('1.1.1.1', 'GET /v1/me', 'no_token')).toBe(3);
    expect(trail.admit('1.1.1.1', 'GET /v1/me', 'no_token')).toBeNull();
  });

  it('keeps its memory bounded under a flood of distinct addresses', () => {
    const trail = new UnauthenticatedTrail(() => 0);
    for (let i = 0; i < 25_000; i++) expect(trail.admit(`10.0.${i >> 8}.${i & 255}`, 'GET /v1/me', 'no_token')).toBe(0);
    expect((trail as unknown as { seen: Map<string, unknown> }).seen.size).toBeLessThanOrEqual(10_000);
  });
});
