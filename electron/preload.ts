/**
 * The bridge: `invoke(method, input)` and `subscribe(listener)`, nothing else. Sandboxed
 * preloads are CommonJS and may import only `electron`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DesktopBridge } from '../src/api/types';
import { EVENTS_CHANNEL, INVOKE_CHANNEL, type InvokeResult } from './ipc-channels';

const bridge = {
  async invoke(method: string, input: unknown): Promise<unknown> {
    const result = (await ipcRenderer.invoke(INVOKE_CHANNEL, method, input)) as InvokeResult;
    if (result.ok) return result.value;
    throw Object.assign(new Error(result.error.message), { code: result.error.code });
  },
  subscribe(listener: (events: unknown[]) => void): () => void {
    const handler = (_event: IpcRendererEvent, events: unknown[]) => listener(events);
    ipcRenderer.on(EVENTS_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENTS_CHANNEL, handler);
  },
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('clientela', bridge);
