import { describe, expect, it } from '@jest/globals';
import { SseDataReader } from './sse-lines.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('SseDataReader', () => {
  it('reassembles events cut at any byte, including inside a multi-byte character and a CRLF', () => {
    const stream = bytes('data:{"token":{"text":"héllo"}}\r\n\r\n: keep-alive\n\ndata: {"token":{"text":" wörld"}}\n\n');
    for (let cut = 1; cut < stream.length; cut++) {
      const reader = new SseDataReader();
      const payloads = [...reader.push(stream.slice(0, cut)), ...reader.push(stream.slice(cut)), ...reader.flush()];
      expect(payloads).toEqual(['{"token":{"text":"héllo"}}', '{"token":{"text":" wörld"}}']);
    }
  });

  it('returns several events of one chunk in order, and a last event the stream did not terminate on flush', () => {
    const reader = new SseDataReader();
    expect(reader.push(bytes('data: a\n\ndata: b\n\ndata: c'))).toEqual(['a', 'b']);
    expect(reader.flush()).toEqual(['c']);
    expect(reader.flush()).toEqual([]);
  });
});
