/**
 * @module dashboard/page
 * What a dashboard page is: a title and href for the navigation, and the routes it serves (its HTML, the
 * fragments its island fetches, its live events). `pages.ts` lists them; adding a page is one module here
 * plus one entry there.
 */
import type { Hono } from 'hono';
import type { LoadRuns } from '../api/load-runs.ts';
import type { ProbeRuns } from '../api/probes.ts';
import type { SinkLog } from '../api/sink-log.ts';
import type { TargetPolicy } from '../api/target-policy.ts';
import type { CiApi } from '../ci-api/index.ts';
import type { Deliverer } from '../delivery/deliverer.ts';
import type { Scheduler } from '../delivery/scheduler.ts';
import type { DeliveryStore } from '../delivery/store.ts';

export interface NavEntry {
  title: string;
  href: string;
}

/** What the dashboard's middleware puts in a request's context for the pages. */
export interface DashboardEnv {
  Variables: { csrf: string; signedIn: boolean; nav: readonly NavEntry[] };
}

export interface DashboardDeps {
  store: DeliveryStore;
  deliverer: Deliverer;
  scheduler: Scheduler;
  sinkLog: SinkLog;
  loadRuns: LoadRuns;
  probeRuns: ProbeRuns;
  /** Where the server may send: pages that take a target say so. */
  targetPolicy: TargetPolicy;
  /** Calls the HTTP API as an authorised client would, so a form meets exactly the API's validation. */
  callApi: (path: string, init?: RequestInit) => Promise<Response>;
  /** Ends live streams when the server shuts down. */
  shutdownSignal?: AbortSignal;
  /** The jobs of CI's job API (the Jobs page). */
  ciJobs: CiApi['book'];
}

export interface DashboardPage {
  /** In the navigation and the window title. */
  title: string;
  /** Where it is: `/` or `/ui/<name>`; its routes are mounted here. */
  href: string;
  routes(deps: DashboardDeps): Hono<DashboardEnv>;
}
