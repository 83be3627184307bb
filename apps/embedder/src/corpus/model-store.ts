import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredModel } from './corpus-models.js';
import type { CorpusRepository } from './corpus.repository.js';

/**
 * Where a version's fitted models live: next to its index. LanceDB is a local folder, so its models
 * are files beside it (writing tens of MB of bytea through PGlite took seconds); with Pinecone every
 * replica must encode queries alike, so the models go to the shared database.
 */
export abstract class ModelStore {
  abstract save(versionId: string, models: StoredModel[]): Promise<void>;
  abstract load(versionId: string): Promise<Map<string, { format: string; data: Buffer }>>;
  abstract drop(versionId: string): Promise<void>;
}

export class FileModelStore extends ModelStore {
  constructor(private readonly dir: string) {
    super();
  }
  private folder(versionId: string): string {
    return join(this.dir, versionId.replace(/[^A-Za-z0-9_-]/g, '_'));
  }
  async save(versionId: string, models: StoredModel[]): Promise<void> {
    const folder = this.folder(versionId);
    await mkdir(folder, { recursive: true });
    for (const m of models) await writeFile(join(folder, `${m.name}.${m.format.replace(/[^A-Za-z0-9.]/g, '_')}`), m.data);
  }
  async load(versionId: string): Promise<Map<string, { format: string; data: Buffer }>> {
    const folder = this.folder(versionId);
    const out = new Map<string, { format: string; data: Buffer }>();
    for (const file of await readdir(folder)) {
      const dot = file.indexOf('.');
      out.set(file.slice(0, dot), { format: file.slice(dot + 1), data: await readFile(join(folder, file)) });
    }
    return out;
  }
  async drop(versionId: string): Promise<void> {
    await rm(this.folder(versionId), { recursive: true, force: true });
  }
}

export class DatabaseModelStore extends ModelStore {
  constructor(private readonly repository: CorpusRepository) {
    super();
  }
  async save(versionId: string, models: StoredModel[]): Promise<void> {
    for (const m of models) await this.repository.saveModel(versionId, m.name, m.format, m.data);
  }
  load(versionId: string): Promise<Map<string, { format: string; data: Buffer }>> {
    return this.repository.loadModels(versionId);
  }
  async drop(): Promise<void> {
    // Rows cascade with the corpus_version row.
  }
}
