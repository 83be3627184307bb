import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { toFieldIssues } from '@patientinsight/shared';
import type { z } from 'zod';
import { ValidationFailedError } from './app-error.js';

/**
 * Validates a body, query or param with a shared zod schema: `@Body(new ZodValidationPipe(schema))`.
 * Failures name each field and reason (400 VALIDATION_FAILED).
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}
  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    const result = this.schema.safeParse(value);
    if (!result.success) {
      const where = metadata.type === 'body' ? 'request body' : metadata.type === 'query' ? 'query string' : 'path';
      throw new ValidationFailedError(toFieldIssues(result.error), `The ${where} is not valid`);
    }
    return result.data;
  }
}
