/**
 * Real time inside one node: the open event streams of each account, and the events pushed
 * to them once the change behind them has committed. Nothing is kept for a stream that is
 * not open; a client that reconnects reads what it missed through the REST API.
 */
export type LiveEvent =
  | { type: 'message'; data: unknown }
  | { type: 'read'; data: { conversationId: string; accountId: string; seq: number } }
  | { type: 'urgent'; data: Record<string, unknown> };

export interface LiveListener {
  send(event: LiveEvent): void;
  close(): void;
}

export class LiveHub {
  private readonly listeners = new Map<string, Set<LiveListener>>();

  /** Registers an account's stream; the returned function removes it. */
  subscribe(accountId: string, listener: LiveListener): () => void {
    let set = this.listeners.get(accountId);
    if (!set) this.listeners.set(accountId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size && this.listeners.get(accountId) === set) this.listeners.delete(accountId);
    };
  }

  publish(accountIds: Iterable<string>, event: LiveEvent): void {
    for (const id of new Set(accountIds)) {
      for (const listener of [...(this.listeners.get(id) ?? [])]) {
        try {
          listener.send(event);
        } catch {
          listener.close(); // a broken socket: the stream ends, the client reconnects
        }
      }
    }
  }

  /** Ends an account's streams (disabled, signed out everywhere). */
  disconnect(accountId: string): void {
    for (const listener of [...(this.listeners.get(accountId) ?? [])]) listener.close();
  }

  /** Ends every stream (the node is closing). */
  closeAll(): void {
    for (const set of [...this.listeners.values()]) for (const listener of [...set]) listener.close();
  }

  /** Open streams, for tests and metrics. */
  get size(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
