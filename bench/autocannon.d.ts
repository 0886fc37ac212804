/**
 * @module bench/autocannon
 * The part of autocannon's programmatic API the benchmarks use (the package ships no types).
 */
declare module 'autocannon' {
  interface AutocannonOptions {
    url: string;
    method?: string;
    body?: string | Buffer;
    headers?: Record<string, string>;
    connections?: number;
    /** Seconds. */
    duration?: number;
  }
  interface AutocannonResult {
    requests: { total: number; average: number };
    latency: { p50: number; p99: number };
    /** Seconds. */
    duration: number;
    errors: number;
    non2xx: number;
  }
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
  export default autocannon;
}
