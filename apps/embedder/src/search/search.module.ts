import { type DynamicModule, Module } from '@nestjs/common';
import type { SearchConfig } from './search.config.js';
import { SearchController } from './search.controller.js';
import { SearchMetrics } from './search.metrics.js';
import { SEARCH_SETTINGS, type SearchSettings, SearchService } from './search.service.js';

/** POST /v1/search (the corpus module, global, provides the store, encoders and active version). */
@Module({})
export class SearchModule {
  static forRoot(config: SearchConfig): DynamicModule {
    const settings: SearchSettings = {
      fusion: config.SEARCH_FUSION,
      denseWeight: config.SEARCH_DENSE_WEIGHT,
      rrfK: config.SEARCH_RRF_K,
      feedbackDocs: config.SEARCH_PRF_DOCS,
      feedbackWeight: config.SEARCH_PRF_WEIGHT,
      demographicPrior: config.SEARCH_DEMOGRAPHIC_PRIOR,
      normalization: config.SEARCH_SCORE_NORMALIZATION,
      regularization: config.SEARCH_REGULARIZATION,
      regularizationNeighbours: config.SEARCH_REGULARIZATION_NEIGHBOURS,
      regularizationCandidates: config.SEARCH_REGULARIZATION_CANDIDATES,
      candidates: config.SEARCH_CANDIDATES,
      lowConfidenceFloor: config.SEARCH_LOW_CONFIDENCE_FLOOR,
    };
    return {
      module: SearchModule,
      controllers: [SearchController],
      providers: [{ provide: SEARCH_SETTINGS, useValue: settings }, SearchMetrics, SearchService],
    };
  }
}
