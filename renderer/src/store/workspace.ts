/**
 * Which database the app has open (the owner's, or the sample-data demo), where it lives and
 * whether anything is in it yet: the welcome screen and the demo's banner follow it.
 */
import { create } from 'zustand';
import type { AppInfo } from '../../../src/api/types';
import { api } from '../api/client';

interface WorkspaceState {
  info: AppInfo | null;
  /** A switch to or from the demo is under way. */
  switching: boolean;
  error: string | null;
  load(): Promise<void>;
  /** Opens the demo, or leaves it (deleting it); the page then starts over on the customers. */
  switchDemo(on: boolean): Promise<void>;
}

export const useWorkspace = create<WorkspaceState>((set) => ({
  info: null,
  switching: false,
  error: null,
  async load() {
    try {
      set({ info: await api.invoke('app.info', {}), error: null });
    } catch (e) {
      set({ error: e instanceof Error ? e.message : String(e) });
    }
  },
  async switchDemo(on) {
    set({ switching: true, error: null });
    try {
      await api.invoke(on ? 'demo.start' : 'demo.stop', {});
    } catch (e) {
      set({ switching: false, error: e instanceof Error ? e.message : String(e) });
      return;
    }
    // Every list on screen belongs to the other database: start the page over, on the sample
    // customers, or back where a first run starts (the welcome, the database being empty again).
    window.location.hash = on ? '#/customers' : '';
    window.location.reload();
  },
}));
