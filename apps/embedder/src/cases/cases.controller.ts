import { Controller, Get, Param } from '@nestjs/common';
import { NotFoundError } from '@patientinsight/nest-kit';
import type { CaseRecord } from '@patientinsight/shared';
import { ActiveCorpus } from '../corpus/active-corpus.js';
import { CorpusRepository } from '../corpus/corpus.repository.js';

/** The full text of a searchable case (staged cases of a held job are not visible). */
@Controller('v1/cases')
export class CasesController {
  constructor(
    private readonly repository: CorpusRepository,
    private readonly active: ActiveCorpus,
  ) {}

  @Get(':id')
  async get(@Param('id') id: string): Promise<CaseRecord> {
    const row = await this.repository.liveCase(id);
    if (!row) throw new NotFoundError('case', id);
    const version = await this.active.get();
    return {
      caseId: row.case_id,
      pmid: row.pmid,
      title: row.title,
      text: row.text,
      age: row.age,
      sex: row.sex,
      corpusVersion: version?.versionId,
    };
  }
}
