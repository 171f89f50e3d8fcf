/**
 * The desktop app's bridge (`window.clientela`, electron/preload.ts) played in a Chromium page:
 * `invoke` answered by the test process as electron/ipc.ts answers it (errors travel as data,
 * with their code), `subscribe` fed the events the test pushes. The page then runs as in the
 * desktop window, on this computer: what host mode refuses is offered.
 */
import type { Page } from '@playwright/test';

export type BridgeAnswer =
  { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** Installs the bridge before the app's script runs; returns the function that sends events. */
export async function playDesktopBridge(
  page: Page,
  answer: (method: string, input: unknown) => Promise<BridgeAnswer>,
): Promise<(events: unknown[]) => Promise<void>> {
  await page.exposeBinding('__invokeCore', (_source, method: string, input: unknown) =>
    answer(method, input),
  );
  await page.addInitScript(() => {
    const page = globalThis as unknown as {
      __invokeCore(method: string, input: unknown): Promise<BridgeAnswer>;
      __events(events: unknown[]): void;
      clientela: unknown;
    };
    const listeners = new Set<(events: unknown[]) => void>();
    page.__events = (events) => listeners.forEach((listener) => listener(events));
    page.clientela = {
      async invoke(method: string, input: unknown) {
        const result = await page.__invokeCore(method, input);
        if (result.ok) return result.value;
        throw Object.assign(new Error(result.error.message), { code: result.error.code });
      },
      subscribe(listener: (events: unknown[]) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  });
  return (events) =>
    page
      .evaluate(
        (sent) => (globalThis as unknown as { __events(e: unknown[]): void }).__events(sent),
        events,
      )
      .catch(() => undefined);
}
