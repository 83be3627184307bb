import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpProxy } from './tcp-proxy.js';

let echo: Server;
let echoPort: number;
beforeAll(async () => {
  echo = createServer((s) => s.pipe(s));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  echoPort = (echo.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((r) => echo.close(() => r())));

async function roundTrip(port: number): Promise<string> {
  const { connect } = await import('node:net');
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('ping'));
    socket.once('data', (d) => {
      resolve(d.toString());
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

describe('TcpProxy', () => {
  it('forwards bytes, refuses when stopped, and forwards again on the same port when restarted', async () => {
    const proxy = new TcpProxy('127.0.0.1', echoPort);
    const port = await proxy.start();
    expect(await roundTrip(port)).toBe('ping');
    await proxy.stop();
    await expect(roundTrip(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.start();
    expect(proxy.port).toBe(port);
    expect(await roundTrip(port)).toBe('ping');
    await proxy.stop();
  });
});
