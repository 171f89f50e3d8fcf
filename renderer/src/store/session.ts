/** The settings, the language and theme they imply, and whether the core is reachable. */
import { create } from 'zustand';
import type { Settings } from '../../../src/api/contract';
import { api } from '../api/client';
import { i18next } from '../i18n';

export type Theme = 'system' | 'light' | 'dark';
const THEME_KEY = 'clientela.theme';

interface SessionState {
  settings: Settings | null;
  /** Why the settings could not be read: the app cannot work without the core. */
  error: string | null;
  /** False while the live event stream is down (host mode's WebSocket reconnecting). */
  online: boolean;
  /** Per device, not per database: each agent's browser keeps its own. */
  theme: Theme;
  load(): Promise<void>;
  update(patch: Partial<Settings>): Promise<void>;
  setTheme(theme: Theme): void;
}

export const useSession = create<SessionState>((set) => ({
  settings: null,
  error: null,
  online: true,
  theme: (localStorage.getItem(THEME_KEY) as Theme | null) ?? 'system',
  async load() {
    try {
      set({ settings: await inTheirLanguage(await api.invoke('settings.get', {})), error: null });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
  async update(patch) {
    set({ settings: await inTheirLanguage(await api.invoke('settings.update', patch)) });
  },
  setTheme(theme) {
    localStorage.setItem(THEME_KEY, theme);
    set({ theme });
  },
}));

/**
 * The settings, once the screens can speak their language (its catalogue is fetched the first
 * time): nothing is drawn in the other language meanwhile.
 */
async function inTheirLanguage(settings: Settings): Promise<Settings> {
  await i18next.changeLanguage(effectiveLanguage(settings));
  return settings;
}

/** The language to show: the setting, else the system's (Portuguese for any pt-*). */
export function effectiveLanguage(settings: Settings | null): 'pt-BR' | 'en' {
  const wanted = settings?.language ?? navigator.language;
  return wanted.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
}
