import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller.js';

/** GET /v1/cases/:id (the corpus module, global, provides the repository). */
@Module({ controllers: [CasesController] })
export class CasesModule {}
