import { createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A TCP proxy in front of a real dependency (PostgreSQL, a service) that a test can cut and restore,
 * or slow down, to watch readiness and timeouts react. It speaks no protocol: bytes pass unchanged.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private latencyMs = 0;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = this.port): Promise<number> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      this.sockets.add(client).add(upstream);
      const forward = (from: Socket, to: Socket) =>
        from.on('data', (chunk) => {
          if (this.latencyMs > 0) {
            from.pause();
            setTimeout(() => {
              to.write(chunk);
              from.resume();
            }, this.latencyMs);
          } else {
            to.write(chunk);
          }
        });
      forward(client, upstream);
      forward(upstream, client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('close', drop).on('error', drop);
      upstream.on('close', drop).on('error', drop);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  /** Delay every chunk in both directions. */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /** Refuse new connections and cut the open ones: the dependency is "down". */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
