import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

afterEach(() => cleanup());

// jsdom lacks ResizeObserver, which Fluent's MessageBar uses for its reflow.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

// The machine is shared (2 cores): give findBy*/waitFor more than the default second.
configure({ asyncUtilTimeout: 5000 });
