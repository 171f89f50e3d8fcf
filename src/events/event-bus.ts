import type { DomainEvent } from '../api/types';

export type Listener = (events: readonly DomainEvent[]) => void;

export interface EventBus {
  /** Delivers events to every listener; called only after the transaction that made them commits. */
  emit(events: readonly DomainEvent[]): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: Listener): () => void;
}

/** A synchronous bus: events come in batches, one batch per commit, in commit order. */
export function createEventBus(
  onListenerError: (error: unknown) => void = console.error,
): EventBus {
  const listeners = new Set<Listener>();
  return {
    emit(events) {
      if (events.length === 0) return;
      for (const listener of listeners) {
        try {
          listener(events);
        } catch (error) {
          // One broken subscriber (a closed window, say) must not stop the others.
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
