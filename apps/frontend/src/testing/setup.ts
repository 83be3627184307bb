import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
// findBy/waitFor guard against hangs, not speed: the 1 s default timed out on a loaded CI machine.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no ResizeObserver; recharts' ResponsiveContainer needs one to mount.
if (!('ResizeObserver' in globalThis)) {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}
