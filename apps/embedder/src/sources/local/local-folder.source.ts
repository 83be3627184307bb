import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ObjectSource, SourceRefusedError } from '../object-source.js';

/**
 * Reads `file:///…` URIs, but only below the configured roots: the path is resolved through
 * symlinks first, so `..` or a link cannot reach outside them.
 */
export class LocalFolderSource extends ObjectSource {
  readonly scheme = 'file';
  private readonly roots: Promise<string[]>;

  constructor(roots: string[]) {
    super();
    this.roots = Promise.all(roots.map(async (r) => realpath(resolve(r)).catch(() => resolve(r))));
  }

  private async resolveAllowed(uri: string): Promise<string> {
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch (error) {
      throw new SourceRefusedError(`not a valid file URI (${(error as Error).message})`);
    }
    const roots = await this.roots;
    if (roots.length === 0) throw new SourceRefusedError('local files are not allowed here (LOCAL_SOURCE_ROOTS is empty)');
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      throw new SourceRefusedError(`${path} does not exist`, 'SOURCE_NOT_FOUND');
    }
    if (!roots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep))) {
      throw new SourceRefusedError(`${path} is outside the allowed folders (${roots.join(', ')})`);
    }
    return real;
  }

  async check(uri: string): Promise<{ size: number | null }> {
    const path = await this.resolveAllowed(uri);
    const info = await stat(path);
    if (!info.isFile()) throw new SourceRefusedError(`${path} is not a file`);
    return { size: info.size };
  }

  async open(uri: string): Promise<Readable> {
    const path = await this.resolveAllowed(uri);
    return createReadStream(path, { highWaterMark: 256 * 1024 });
  }
}
