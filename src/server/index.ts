/**
 * @module ci-callback-emitter/server
 * The fixture server: `startServer` runs the control API, the delivery log, the scheduler and the dashboard on
 * one origin. Its own entry, so that a test that only wants bodies (`ci-callback-emitter`) loads no HTTP stack
 * or database driver.
 */
export type { AppType } from './app.ts';
export { type RunningServer, SERVER_DEFAULTS, type StartServerOptions, startServer } from './start.ts';
