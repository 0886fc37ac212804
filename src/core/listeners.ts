/**
 * @module core/listeners
 * A set of listeners to tell about changes (a delivery moved on, the sink got a callback, a load run
 * progressed), so pages can follow them live. A listener that throws does not stop the others.
 */

export interface Listeners<T> {
  /** Adds a listener; call the returned function to remove it. */
  subscribe(listener: (value: T) => void): () => void;
  notify(value: T): void;
  readonly size: number;
}

export function createListeners<T>(): Listeners<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify(value) {
      for (const listener of listeners) {
        try {
          listener(value);
        } catch {
          // a broken page connection must not break deliveries
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}
