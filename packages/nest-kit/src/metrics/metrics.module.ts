import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  type MiddlewareConsumer,
  Module,
  type NestMiddleware,
  type NestModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { unhandledRejections } from '../lifecycle/process-guard.js';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

export interface MetricsOptions {
  service: string;
  /** Port of the metrics listener; 0 picks a free one (tests). */
  port: number;
  host?: string;
}

/** The HTTP duration histogram, created once per registry. */
@Injectable()
export class HttpMetrics {
  readonly histogram: Histogram<'route' | 'method' | 'status'>;
  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.histogram = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route template, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }
}

/** Records `http_request_duration_seconds` by route template (never the raw URL: ids would explode cardinality). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: HttpMetrics) {}
  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.histogram.startTimer();
    res.once('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      end({ route, method: req.method, status: String(res.statusCode) });
    });
    next();
  }
}

/** Serves the registry on its own port, which the load balancer does not expose. */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.server = createServer(async (req, res) => {
      if (req.url?.split('?')[0] !== '/metrics') {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'only /metrics here' } }));
        return;
      }
      const body = await this.registry.metrics();
      res.writeHead(200, { 'content-type': this.registry.contentType }).end(body);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port, this.options.host ?? '0.0.0.0', () => resolve());
    });
  }

  /** The bound port (differs from the option when it was 0). */
  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? this.options.port;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server?.listening) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * One prom-client Registry per application instance (not the global one), so tests can boot several
 * apps in one process. Features inject METRICS_REGISTRY and register their own metrics on it.
 */
@Global()
@Module({})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }

  static forRoot(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      providers: [
        {
          provide: METRICS_REGISTRY,
          useFactory: () => {
            const registry = new Registry();
            registry.setDefaultLabels({ service: options.service });
            collectDefaultMetrics({ register: registry });
            registry.registerMetric(unhandledRejections);
            return registry;
          },
        },
        { provide: METRICS_OPTIONS, useValue: options },
        HttpMetrics,
        MetricsServer,
      ],
      exports: [METRICS_REGISTRY, HttpMetrics, MetricsServer],
    };
  }
}
