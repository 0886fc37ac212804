/**
 * @module dashboard/pages
 * The dashboard's pages, in navigation order. A new page is one module in pages/ exporting a DashboardPage,
 * plus one entry here.
 */
import type { DashboardPage } from './page.ts';
import { catalogPage } from './pages/catalog.tsx';
import { deliveriesPage } from './pages/deliveries.tsx';
import { jobsPage } from './pages/jobs.tsx';
import { loadRunsPage } from './pages/load-runs.tsx';
import { previewPage } from './pages/preview.tsx';
import { probesPage } from './pages/probes.tsx';
import { schedulesPage } from './pages/schedules.tsx';
import { sendPage } from './pages/send.tsx';
import { sinkPage } from './pages/sink.tsx';

export const PAGES: readonly DashboardPage[] = [
  catalogPage,
  previewPage,
  sendPage,
  deliveriesPage,
  schedulesPage,
  sinkPage,
  jobsPage,
  loadRunsPage,
  probesPage,
];
