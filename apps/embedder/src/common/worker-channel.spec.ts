import { describe, expect, it } from '@jest/globals';
import { WorkerChannel } from './worker-channel.js';

// A worker that echoes, answers "fail" with an error reply and exits on "exit".
const ECHO = new URL(
  `data:text/javascript,${encodeURIComponent(`
    import { parentPort } from 'node:worker_threads';
    parentPort.on('message', (m) => {
      if (m === 'fail') parentPort.postMessage({ error: 'cannot do that' });
      else if (m === 'exit') process.exit(3);
      else parentPort.postMessage({ echo: m });
    });`)}`,
);

describe('WorkerChannel', () => {
  it('settles each request with its own reply, in order, and an error reply rejects only its request', async () => {
    const channel = new WorkerChannel<string, { echo: string }>(ECHO, 'echo thread');
    try {
      const replies = Promise.all(['a', 'b', 'c'].map((m) => channel.request(m)));
      const failed = channel.request('fail');
      const after = channel.request('d');
      expect(await replies).toEqual([{ echo: 'a' }, { echo: 'b' }, { echo: 'c' }]);
      await expect(failed).rejects.toThrow('echo thread: cannot do that');
      expect(await after).toEqual({ echo: 'd' });
    } finally {
      await channel.close();
    }
  });

  it('rejects what is waiting and every later request once the thread stops', async () => {
    const channel = new WorkerChannel<string, { echo: string }>(ECHO, 'echo thread');
    const stopped = channel.request('exit');
    await expect(stopped).rejects.toThrow('the echo thread stopped (exit code 3)');
    await expect(channel.request('later')).rejects.toThrow('the echo thread stopped (exit code 3)');
    await channel.close();
  });
});
