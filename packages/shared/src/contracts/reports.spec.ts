import { describe, expect, it } from 'vitest';
import { intakeMessageRequestSchema } from './intake.js';
import { CITATION_PATTERN, parseSseFrames, reportStreamEventSchema } from './reports.js';

describe('intake and report contracts', () => {
  it('rejects an empty or oversized intake message, naming the field', () => {
    const empty = intakeMessageRequestSchema.safeParse({ text: '   ' });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.path).toEqual(['text']);
    expect(intakeMessageRequestSchema.safeParse({ text: 'x'.repeat(4001) }).success).toBe(false);
    expect(intakeMessageRequestSchema.safeParse({ text: 'ok', extra: 1 }).success).toBe(false);
  });

  it('finds every [case:<uid>] citation', () => {
    const ids = [...'A [case:123-1] and [case:PMC9-2].'.matchAll(CITATION_PATTERN)].map((m) => m[1]);
    expect(ids).toEqual(['123-1', 'PMC9-2']);
  });

  it('parses SSE frames, including data split over lines and CRLF separators', () => {
    const body =
      'event: delta\ndata: {"type":"delta","text":"a"}\n\nevent: error\r\ndata: {"type":"error",\r\ndata: "error":{"code":"X","message":"m"}}\r\n\r\n';
    const events = parseSseFrames(body, reportStreamEventSchema);
    expect(events.map((e) => e.type)).toEqual(['delta', 'error']);
  });
});
