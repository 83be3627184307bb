import { Injectable } from '@nestjs/common';
import { type CorpusModels, deserializeModels } from './corpus-models.js';
import { CorpusRepository } from './corpus.repository.js';
import { ModelStore } from './model-store.js';

/** How long a replica trusts its idea of the active version before asking the database again. */
const RECHECK_MS = 1000;

/**
 * The corpus version searches use, with its fitted models loaded. The handle is swapped as a whole,
 * so a search holds one consistent version from start to end; another replica's activation is picked
 * up within a second.
 */
@Injectable()
export class ActiveCorpus {
  private current: CorpusModels | null = null;
  private checkedAt = 0;
  private loading: Promise<CorpusModels | null> | null = null;
  /** Bumped by use(): a refresh that started before a local activation must not overwrite it. */
  private generation = 0;

  constructor(
    private readonly repository: CorpusRepository,
    private readonly models: ModelStore,
  ) {}

  /** Called by the indexer in this process right after it activated a version. */
  use(models: CorpusModels): void {
    this.current = models;
    this.generation++;
    this.checkedAt = Date.now();
  }

  async get(): Promise<CorpusModels | null> {
    if (Date.now() - this.checkedAt < RECHECK_MS) return this.current;
    this.loading ??= this.refresh().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async refresh(): Promise<CorpusModels | null> {
    const generation = this.generation;
    const id = await this.repository.activeVersionId();
    let next = this.current;
    if (id === null) next = null;
    else if (id !== this.current?.versionId) next = deserializeModels(id, await this.models.load(id));
    if (generation === this.generation) {
      this.current = next;
      this.checkedAt = Date.now();
    }
    return this.current;
  }
}
