import type { DomainEvent } from '../../../src/api/types';
import type { ApiClient, ClientEvent } from './transport';
import { ApiCallError } from './transport';

const RECONNECT_MAX_MS = 10_000;

/** The file name a download's `Content-Disposition` gives, else `fallback`. */
const fileNameOf = (response: Response, fallback: string) =>
  /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallback;

/** Hands `blob` to the browser as a download named `name`. */
function save(blob: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/**
 * Host mode's transport. The token arrives once in the address (`?token=`); the server answers
 * with an HttpOnly cookie, so it is taken out of the address bar and every later request, the
 * download and the WebSocket carry the cookie instead.
 */
export function createHttpClient(location: Location): ApiClient {
  const url = new URL(location.href);
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const listeners = new Set<(events: ClientEvent[]) => void>();
  const emit = (events: ClientEvent[]) => listeners.forEach((listener) => listener(events));

  async function failure(response: Response): Promise<ApiCallError> {
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    return new ApiCallError(
      body?.error?.code ?? 'internal',
      body?.error?.message ?? `${response.status} ${response.statusText}`,
    );
  }

  let socket: WebSocket | null = null;
  let attempt = 0;
  function connect(): void {
    const ws = new WebSocket(
      `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`,
    );
    socket = ws;
    ws.onopen = () => {
      // Whatever happened before the socket was open was missed (after a drop, and on the first
      // open too: the page's first fetches may have gone out before it): say so, so lists and
      // the unread badge are fetched again.
      emit([{ type: 'connection', online: true }]);
      attempt = 0;
    };
    ws.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as { type: string; events?: DomainEvent[] };
      if (data.type === 'events' && data.events) emit(data.events);
    };
    ws.onclose = () => {
      if (socket !== ws || listeners.size === 0) return;
      if (attempt === 0) emit([{ type: 'connection', online: false }]);
      attempt += 1;
      setTimeout(connect, Math.min(RECONNECT_MAX_MS, 250 * 2 ** attempt));
    };
  }

  return {
    // A browser is a host mode page: what only the computer itself may change stays there.
    onThisComputer: false,
    async invoke(method, input) {
      const response = await fetch(`/api/rpc/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      }).catch(() => {
        throw new ApiCallError('offline', 'The Clientela server cannot be reached');
      });
      if (!response.ok) throw await failure(response);
      return (await response.json()) as never;
    },

    subscribe(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          const ws = socket;
          socket = null;
          ws?.close();
        }
      };
    },

    avatarUrl: (file) => `/api/avatars/${encodeURIComponent(file)}`,

    async exportCustomers({ format = 'csv', ...request }) {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(request))
        if (value !== undefined && value !== '') query.set(key, String(value));
      const response = await fetch(`/api/customers/export.${format}?${query}`);
      if (!response.ok || !response.body) throw await failure(response);
      const total = Number(response.headers.get('X-Total-Count') ?? 0);
      const name = fileNameOf(response, `clientela.${format}`);
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let lines = 0;
      let lastReport = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        // A CSV's rows are its lines; a workbook's are deflated, so its bar waits for the end.
        if (format === 'csv') for (const byte of value) if (byte === 10) lines += 1;
        if (format === 'csv' && performance.now() - lastReport > 100) {
          lastReport = performance.now();
          emit([{ type: 'export.progress', done: Math.max(0, lines - 1), total }]);
        }
      }
      const rows = format === 'csv' ? Math.max(0, lines - 1) : total;
      emit([{ type: 'export.progress', done: rows, total: rows }]);
      save(
        new Blob(chunks as BlobPart[], {
          type: response.headers.get('Content-Type') ?? 'application/octet-stream',
        }),
        name,
      );
      return { rows, path: null };
    },

    async exportCustomerData(id) {
      const response = await fetch(`/api/customers/${id}/export.zip`);
      if (!response.ok) throw await failure(response);
      save(await response.blob(), fileNameOf(response, `clientela-cliente-${id}.zip`));
      return { path: null };
    },
  };
}
