import { describe, expect, it } from '@jest/globals';
import { configSlices, loadEmbedderConfig } from './embedder.config.js';

const BASE = { SERVICE_TOKEN: 'a-service-token-of-32-characters' };

/** The loader's error message: the one line `boot` prints before the process exits. */
function failure(env: Record<string, string>): string {
  try {
    loadEmbedderConfig({ ...BASE, ...env });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('embedder config: cross-field rules at boot', () => {
  it('needs the Pinecone key and host with VECTOR_STORE=pinecone, naming each missing one', () => {
    expect(failure({ VECTOR_STORE: 'pinecone', PINECONE_INDEX_HOST: 'https://idx.example' })).toBe(
      'Invalid configuration: PINECONE_API_KEY: is required when VECTOR_STORE=pinecone',
    );
    expect(failure({ VECTOR_STORE: 'pinecone' })).toBe(
      'Invalid configuration: PINECONE_API_KEY: is required when VECTOR_STORE=pinecone; PINECONE_INDEX_HOST: is required when VECTOR_STORE=pinecone',
    );
    expect(
      loadEmbedderConfig({ ...BASE, VECTOR_STORE: 'pinecone', PINECONE_API_KEY: 'k', PINECONE_INDEX_HOST: 'https://idx.example' })
        .VECTOR_STORE,
    ).toBe('pinecone');
  });

  it('needs the remote encoder setting the chosen DENSE_ENCODER uses', () => {
    expect(failure({ DENSE_ENCODER: 'openai' })).toBe('Invalid configuration: OPENAI_API_KEY: is required when DENSE_ENCODER=openai');
    expect(failure({ DENSE_ENCODER: 'tei' })).toBe('Invalid configuration: TEI_URL: is required when DENSE_ENCODER=tei');
    expect(failure({ DENSE_ENCODER: 'sagemaker' })).toBe(
      'Invalid configuration: SAGEMAKER_ENDPOINT_NAME: is required when DENSE_ENCODER=sagemaker',
    );
    expect(loadEmbedderConfig({ ...BASE, DENSE_ENCODER: 'tei', TEI_URL: 'http://tei:8080' }).TEI_URL).toBe('http://tei:8080');
    // LSA and lexical-only need nothing else, whatever remote settings are left over.
    expect(loadEmbedderConfig({ ...BASE, DENSE_ENCODER: 'none' }).DENSE_ENCODER).toBe('none');
  });

  it('refuses one S3 key without the other', () => {
    expect(failure({ S3_ACCESS_KEY_ID: 'AKIA' })).toBe(
      'Invalid configuration: S3_SECRET_ACCESS_KEY: is required when S3_ACCESS_KEY_ID is set',
    );
    expect(failure({ S3_SECRET_ACCESS_KEY: 'secret' })).toBe(
      'Invalid configuration: S3_ACCESS_KEY_ID: is required when S3_SECRET_ACCESS_KEY is set',
    );
    expect(loadEmbedderConfig({ ...BASE, S3_ACCESS_KEY_ID: 'AKIA', S3_SECRET_ACCESS_KEY: 'secret' }).S3_ACCESS_KEY_ID).toBe('AKIA');
  });

  it('reports a field error and a cross-field error together, on one line', () => {
    const message = failure({ VECTOR_STORE: 'pinecone', PINECONE_API_KEY: 'k', PINECONE_INDEX_HOST: 'not a url' });
    expect(message).toMatch(/^Invalid configuration: PINECONE_INDEX_HOST: /);
    expect(message).not.toContain('\n');
  });
});

describe('embedder config: one slice per module', () => {
  it('gives each module its own settings and only the process settings it uses', () => {
    const slices = configSlices(
      loadEmbedderConfig({ ...BASE, DATA_DIR: '/tmp/embedder-data', SEARCH_PRF_DOCS: '3', INGEST_BATCH_SIZE: '50' }),
    );
    expect(slices.search.SEARCH_PRF_DOCS).toBe(3);
    expect(slices.ingestion).toMatchObject({ INGEST_BATCH_SIZE: 50, DATA_DIR: '/tmp/embedder-data', SHUTDOWN_TIMEOUT_MS: 25_000 });
    expect(slices.corpus).toMatchObject({ VECTOR_STORE: 'lancedb', DATA_DIR: '/tmp/embedder-data' });
    expect(Object.keys(slices.search).every((k) => k.startsWith('SEARCH_'))).toBe(true);
    for (const slice of Object.values(slices)) expect(slice).not.toHaveProperty('SERVICE_TOKEN');
    expect(slices.ingestion).not.toHaveProperty('VECTOR_STORE');
    expect(slices.corpus).not.toHaveProperty('INGEST_BATCH_SIZE');
  });
});
