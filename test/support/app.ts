/**
 * Test support: the HTTP app over an in-memory store with a real client (no retries); nothing listens,
 * requests go through `app.request()`.
 */

import { createSinkLog } from '../../src/api/sink-log.ts';
import { createTargetPolicy } from '../../src/api/target-policy.ts';
import { createDeliveryClient } from '../../src/delivery/client.ts';
import { createDeliverer } from '../../src/delivery/deliverer.ts';
import { createScheduler } from '../../src/delivery/scheduler.ts';
import { createDeliveryStore } from '../../src/delivery/store.ts';
import { type AppDeps, createApp } from '../../src/server/app.ts';

export interface TestAppOptions {
  token?: string;
  allowTargets?: string[];
  loadRunLimits?: AppDeps['loadRunLimits'];
}

export function testApp(options: TestAppOptions = {}) {
  const store = createDeliveryStore({ path: ':memory:' });
  const client = createDeliveryClient({ timeoutMs: 500 });
  const deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [] } });
  const scheduler = createScheduler({ store, deliverer });
  const internalErrors: Error[] = [];
  const deps: AppDeps = {
    store,
    deliverer,
    scheduler,
    sinkLog: createSinkLog({ capacity: 5 }),
    targetPolicy: createTargetPolicy(options.allowTargets),
    onInternalError: (error) => internalErrors.push(error),
    ...(options.token ? { token: options.token } : {}),
    ...(options.loadRunLimits ? { loadRunLimits: options.loadRunLimits } : {}),
  };
  const app = createApp(deps);
  const close = async () => {
    scheduler.stop();
    await deliverer.drain();
    await client.close();
    store.close();
  };
  return { app, store, deliverer, internalErrors, close };
}
