import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { processIdentity } from '../common/process-identity.js';
import { createTextEmbedder } from '../encoders/text-embedder.factory.js';
import { LanceDbStore } from '../index/lancedb/lancedb-store.js';
import { type PineconeAppendLedger, PineconeStore } from '../index/pinecone/pinecone-store.js';
import { VectorStore } from '../index/vector-store.port.js';
import { ActiveCorpus } from './active-corpus.js';
import type { CorpusConfig } from './corpus.config.js';
import { CorpusController } from './corpus.controller.js';
import { CorpusIndexer } from './corpus-indexer.js';
import { CorpusRepository } from './corpus.repository.js';
import { DatabaseModelStore, FileModelStore, ModelStore } from './model-store.js';
import { CORPUS_SETTINGS, type CorpusSettings, TEXT_EMBEDDER } from './corpus.tokens.js';
import { VersionedCorpusIndexer } from './versioned-corpus-indexer.js';

@Injectable()
class VectorStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(VectorStore) private readonly store: VectorStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

export async function createVectorStore(config: CorpusConfig, ledger: PineconeAppendLedger): Promise<VectorStore> {
  if (config.VECTOR_STORE === 'pinecone') {
    if (!config.PINECONE_API_KEY || !config.PINECONE_INDEX_HOST)
      throw new Error('Invalid configuration: PINECONE_API_KEY and PINECONE_INDEX_HOST: are required when VECTOR_STORE=pinecone');
    return new PineconeStore({
      apiKey: config.PINECONE_API_KEY,
      indexHost: config.PINECONE_INDEX_HOST,
      timeoutMs: config.PINECONE_TIMEOUT_MS,
      ledger,
      appendLockTimeoutMs: config.PINECONE_APPEND_LOCK_TIMEOUT_MS,
    });
  }
  return LanceDbStore.open(join(config.DATA_DIR, 'lancedb'));
}

/**
 * Corpus versions: the CorpusIndexer ingestion calls, the active version searches use, the vector
 * store and the encoders. Global, so ingestion (and search, cases) can inject them.
 */
@Global()
@Module({})
export class CorpusModule {
  static forRoot(config: CorpusConfig): DynamicModule {
    const settings: CorpusSettings = {
      dense: config.DENSE_ENCODER,
      bm25: { k1: config.BM25_K1, b: config.BM25_B },
      negation: config.NEGATION,
      lsaDimension: config.LSA_DIMENSION,
      lsaMaxFitDocs: config.LSA_MAX_FIT_DOCS,
      remoteBatchSize: config.ENCODER_BATCH_SIZE,
      refitShare: config.CORPUS_REFIT_SHARE,
      refitUnknownTokenShare: config.CORPUS_REFIT_UNKNOWN_TOKEN_SHARE,
      refitIntervalMinutes: config.CORPUS_REFIT_INTERVAL_MINUTES,
      identity: processIdentity(config.DATA_DIR),
    };
    return {
      module: CorpusModule,
      controllers: [CorpusController],
      providers: [
        { provide: CORPUS_SETTINGS, useValue: settings },
        { provide: TEXT_EMBEDDER, useFactory: () => createTextEmbedder(config) },
        {
          provide: VectorStore,
          useFactory: (repository: CorpusRepository) => createVectorStore(config, repository),
          inject: [CorpusRepository],
        },
        VectorStoreCloser,
        CorpusRepository,
        {
          provide: ModelStore,
          useFactory: (repository: CorpusRepository) =>
            config.VECTOR_STORE === 'lancedb' ? new FileModelStore(join(config.DATA_DIR, 'models')) : new DatabaseModelStore(repository),
          inject: [CorpusRepository],
        },
        ActiveCorpus,
        { provide: CorpusIndexer, useClass: VersionedCorpusIndexer },
      ],
      exports: [CorpusIndexer, CorpusRepository, ActiveCorpus, VectorStore, TEXT_EMBEDDER],
    };
  }
}
