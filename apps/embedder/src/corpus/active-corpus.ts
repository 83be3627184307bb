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
  /** Why this replica serves another version than the database's active one (its models or index are not here). */
  private lag: string | null = null;

  constructor(
    private readonly repository: CorpusRepository,
    private readonly models: ModelStore,
  ) {}

  /** Called by the indexer in this process right after it activated a version. */
  use(models: CorpusModels): void {
    this.current = models;
    this.lag = null;
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

  /** Set when the database's active version cannot be loaded here; searches report it as degraded. */
  get lagReason(): string | null {
    return this.lag;
  }

  private async refresh(): Promise<CorpusModels | null> {
    const generation = this.generation;
    const id = await this.repository.activeVersionId();
    let next = this.current;
    let lag: string | null = null;
    if (id === null) next = null;
    else if (id !== this.current?.versionId) {
      try {
        next = deserializeModels(id, await this.models.load(id));
      } catch (error) {
        // E.g. a LanceDB replica that did not build this version: keep serving the version it has.
        lag = `corpus version ${id} is active but not available on this replica (${(error as Error).message}); serving ${this.current?.versionId ?? 'nothing'}`;
      }
    }
    if (generation === this.generation) {
      this.current = next;
      this.lag = lag;
      this.checkedAt = Date.now();
    }
    return this.current;
  }
}
