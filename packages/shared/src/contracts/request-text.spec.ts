import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as contracts from '../index.js';

/**
 * Every string a client can send the backend is built on requestText, so NUL and lone surrogates
 * are refused by validation. This walks every request schema the contracts export and tries each
 * string it reaches, so a field added later with a bare z.string() fails here.
 */

/** The embedder's own search request: the backend builds it, no client sends it. */
const NOT_CLIENT_REQUESTS = new Set(['searchRequestSchema']);

type Node = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

/** The string schemas reachable in a request schema, with where they sit. */
function stringsIn(schema: Node, path: string, found: [string, Node][] = []): [string, Node][] {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
      found.push([path, schema]);
      break;
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, Node>)) stringsIn(child, `${path}.${key}`, found);
      break;
    case 'array':
      stringsIn(def.element as Node, `${path}[]`, found);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      stringsIn(def.innerType as Node, path, found);
      break;
    case 'pipe':
      // What arrives is checked by the pipe's input side.
      stringsIn(def.in as Node, path, found);
      break;
    case 'union':
      for (const option of def.options as Node[]) stringsIn(option, path, found);
      break;
    default:
      // enums, literals, numbers, booleans, coerced values, transforms: no free text.
      break;
  }
  return found;
}

const requestSchemas = Object.entries(contracts)
  .filter(([name]) => /(Request|Query)Schema$/.test(name) && !NOT_CLIENT_REQUESTS.has(name))
  .concat([['patientProfileSchema', contracts.patientProfileSchema]]) as [string, Node][];

describe('request string fields', () => {
  it('finds the request schemas and their strings', () => {
    expect(requestSchemas.length).toBeGreaterThan(15);
    const all = requestSchemas.flatMap(([name, schema]) => stringsIn(schema, name));
    expect(all.map(([path]) => path)).toEqual(
      expect.arrayContaining([
        'patientProfileSchema.emergencyContact.name',
        'intakeMessageRequestSchema.text',
        'loginRequestSchema.email',
        'prescriptionRequestSchema.items[].medication',
      ]),
    );
  });

  it.each(requestSchemas)('%s refuses NUL and lone surrogates in every string it holds', (name, schema) => {
    const refusedNot: string[] = [];
    for (const [path, node] of stringsIn(schema, name)) {
      for (const bad of ['note\u0000', 'note\ud800', '\udfffnote'])
        if (node.safeParse(bad).success) refusedNot.push(`${path} took ${JSON.stringify(bad)}`);
    }
    expect(refusedNot).toEqual([]);
  });
});
