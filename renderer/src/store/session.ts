/** The settings, the language and theme they imply, and whether the core is reachable. */
import { create } from 'zustand';
import type { Settings, SettingsEnvironment } from '../../../src/api/contract';
import { api } from '../api/client';
import { i18next } from '../i18n';

export type Theme = 'system' | 'light' | 'dark';
type Language = SettingsEnvironment['systemLanguage'];
const THEME_KEY = 'clientela.theme';

interface SessionState {
  settings: Settings | null;
  /** What the computer running Clientela decides around them: its language, first of all. */
  environment: SettingsEnvironment | null;
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

export const useSession = create<SessionState>((set, get) => ({
  settings: null,
  environment: null,
  error: null,
  online: true,
  theme: (localStorage.getItem(THEME_KEY) as Theme | null) ?? 'system',
  async load() {
    try {
      const [settings, environment] = await Promise.all([
        api.invoke('settings.get', {}),
        api.invoke('settings.environment', {}),
      ]);
      await showIn(effectiveLanguage(settings, environment));
      set({ settings, environment, error: null });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
  async update(patch) {
    const settings = await api.invoke('settings.update', patch);
    await showIn(effectiveLanguage(settings, get().environment));
    set({ settings });
  },
  setTheme(theme) {
    localStorage.setItem(THEME_KEY, theme);
    set({ theme });
  },
}));

/**
 * Switches the screens to `language` once they can speak it (its catalogue is fetched the first
 * time), so nothing is drawn in the other language meanwhile.
 */
async function showIn(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
}

/**
 * The language to show: the one chosen, else the computer's, the one the core writes its errors
 * and reasons in. A browser's own language counts only until the core has said which that is.
 */
export function effectiveLanguage(
  settings: Settings | null,
  environment: SettingsEnvironment | null,
): Language {
  const wanted = settings?.language ?? environment?.systemLanguage ?? navigator.language;
  return wanted.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
}
