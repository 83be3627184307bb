import { gunzipSync, gzipSync } from 'node:zlib';
import { BM25_MODEL_FORMAT, Bm25Model } from '../index/bm25/bm25-model.js';
import { LSA_MODEL_FORMAT, LsaModel } from '../encoders/lsa/lsa-model.js';

/** The fitted encoders of one corpus version: what a query must be encoded with to meet its vectors. */
export interface CorpusModels {
  versionId: string;
  bm25: Bm25Model;
  lsa: LsaModel | null;
  /** lsa, none, or the remote encoder's name (openai:..., tei:..., sagemaker:...). */
  dense: string;
  dimension: number | null;
}

export interface StoredModel {
  name: string;
  format: string;
  data: Buffer;
}

export function serializeModels(models: Pick<CorpusModels, 'bm25' | 'lsa' | 'dense' | 'dimension'>): StoredModel[] {
  const out: StoredModel[] = [
    { name: 'bm25', format: BM25_MODEL_FORMAT, data: gzipSync(JSON.stringify(models.bm25.data)) },
    {
      name: 'dense',
      format: 'patientinsight.dense/v1',
      data: Buffer.from(JSON.stringify({ dense: models.dense, dimension: models.dimension })),
    },
  ];
  if (models.lsa) out.push({ name: 'lsa', format: LSA_MODEL_FORMAT, data: gzipSync(models.lsa.serialize(), { level: 1 }) });
  return out;
}

export function deserializeModels(versionId: string, stored: Map<string, { format: string; data: Buffer }>): CorpusModels {
  const bm25 = stored.get('bm25');
  const dense = stored.get('dense');
  if (!bm25 || !dense) throw new Error(`corpus version ${versionId} has no stored encoder models`);
  const denseInfo = JSON.parse(dense.data.toString('utf8')) as { dense: string; dimension: number | null };
  const lsa = stored.get('lsa');
  return {
    versionId,
    bm25: Bm25Model.parse(JSON.parse(gunzipSync(bm25.data).toString('utf8'))),
    lsa: lsa ? LsaModel.deserialize(gunzipSync(lsa.data)) : null,
    dense: denseInfo.dense,
    dimension: denseInfo.dimension,
  };
}
