import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { type SearchResponse, searchResponseSchema } from '@patientinsight/shared';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { api, ingestUri, type SampleRow, sampleRows, startEmbedder, type TestEmbedder, toCsv } from './ingestion-helpers.js';

jest.setTimeout(180_000);

/** Cases whose words are spelled with accents, or in scripts written without spaces, among ordinary sample cases. */
const TEXT_CASES: SampleRow[] = [
  {
    patient_uid: 'text-accented',
    title: "Ménière's disease in a middle-aged woman",
    patient:
      "A 52-year-old woman had episodic rotatory vertigo, fluctuating hearing loss and aural fullness; Ménière's disease was diagnosed after audiometry.",
    age: "[[52.0, 'year']]",
    gender: 'F',
  },
  {
    patient_uid: 'text-plain',
    title: 'Meniere disease treated with a low-salt diet',
    patient:
      'A 47-year-old man with recurrent attacks of vertigo and tinnitus was treated for Meniere disease with a low-salt diet and betahistine.',
    age: "[[47.0, 'year']]",
    gender: 'M',
  },
  {
    patient_uid: 'text-chinese',
    title: '社区获得性肺炎一例',
    patient: '患者男，45岁，因发热、咳嗽三天入院。胸部CT提示右下肺炎，给予抗生素治疗后体温恢复正常，一周后出院。',
    age: "[[45.0, 'year']]",
    gender: 'M',
  },
  {
    patient_uid: 'text-japanese',
    title: 'メニエール病の一例',
    patient: '52歳の女性。回転性めまいと耳鳴り、難聴を繰り返し、聴力検査の結果メニエール病と診断された。減塩食で症状は改善した。',
    age: "[[52.0, 'year']]",
    gender: 'F',
  },
].map((c, i) => ({ patient_id: String(9000 + i), PMID: '', file_path: '', relevant_articles: '{}', similar_patients: '{}', ...c }));

describe('search finds accented and CJK text through the HTTP API (ingested, indexed, searched)', () => {
  let embedder: TestEmbedder;

  beforeAll(async () => {
    embedder = await startEmbedder('pglite');
    const path = join(embedder.dataDir, 'text-cases.csv');
    await writeFile(path, toCsv([...sampleRows().slice(0, 150), ...TEXT_CASES]));
    const job = await ingestUri(embedder.url, pathToFileURL(path).href);
    expect(job.state).toBe('succeeded');
    expect(job.counters).toMatchObject({ accepted: 154, rejected: 0 });
  });
  afterAll(async () => {
    await embedder?.close();
  });

  async function ranked(query: string, mode?: 'lexical'): Promise<SearchResponse['results']> {
    const res = await api<SearchResponse>(embedder.url, 'POST', '/v1/search', { query, topK: 5, ...(mode ? { options: { mode } } : {}) });
    expect(res.status).toBe(200);
    return searchResponseSchema.parse(res.body).results;
  }

  it('finds the accented and the plain spelling from either spelling of the query', async () => {
    for (const query of ['Meniere', 'Ménière', 'MÉNIÈRE disease']) {
      const hits = await ranked(query, 'lexical');
      expect(
        hits
          .slice(0, 2)
          .map((r) => r.caseId)
          .sort(),
      ).toEqual(['text-accented', 'text-plain']);
      for (const hit of hits.slice(0, 2)) expect(hit.scores.lexical).toBeGreaterThan(0);
    }
    const hybrid = await ranked("Ménière's disease with vertigo");
    expect(
      hybrid
        .slice(0, 2)
        .map((r) => r.caseId)
        .sort(),
    ).toEqual(['text-accented', 'text-plain']);
  });

  it('finds a Chinese case from a Chinese query', async () => {
    const hits = await ranked('发热 咳嗽 肺炎');
    expect(hits[0]!.caseId).toBe('text-chinese');
    expect(hits[0]!.scores.lexical).toBeGreaterThan(0);
    // A word inside an unspaced sentence is found on its own.
    expect((await ranked('肺炎', 'lexical'))[0]!.caseId).toBe('text-chinese');
  });

  it('finds a Japanese case from a Japanese query', async () => {
    const hits = await ranked('メニエール病 めまい');
    expect(hits[0]!.caseId).toBe('text-japanese');
    expect(hits[0]!.scores.lexical).toBeGreaterThan(0);
  });
});
