import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ZodValidationPipe } from '@patientinsight/nest-kit';
import { type ParsedSearchRequest, type SearchResponse, searchRequestSchema } from '@patientinsight/shared';
import { SearchService } from './search.service.js';

@Controller('v1/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Post()
  @HttpCode(200)
  run(@Body(new ZodValidationPipe(searchRequestSchema)) request: ParsedSearchRequest): Promise<SearchResponse> {
    return this.search.search(request);
  }
}
