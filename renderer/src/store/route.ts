/**
 * Where the person is: the page and the open item, kept in the address's hash so that a reload
 * (or the browser's back button in host mode) lands on the same screen.
 */
import { create } from 'zustand';

/** The pages of the navigation. */
export const PAGES = ['conversations', 'customers', 'channels', 'settings'] as const;
export type Page = (typeof PAGES)[number];

export interface Route {
  page: Page;
  /** The open conversation or customer. */
  id: number | null;
}

export function parseRoute(hash: string): Route {
  const [page, id] = hash.replace(/^#\/?/, '').split('/');
  const known = PAGES.find((p) => p === page);
  const n = Number(id);
  return { page: known ?? 'customers', id: known && Number.isInteger(n) && n > 0 ? n : null };
}

const hasRoute = (hash: string) => hash.replace(/^#\/?/, '') !== '';

export const formatRoute = ({ page, id }: Route) => `#/${page}${id ? `/${id}` : ''}`;

interface RouteState extends Route {
  /**
   * A screen was asked for (in the address, or by a click): false only while the app sits where
   * it opened by itself, which on an empty database is the welcome screen.
   */
  chosen: boolean;
  go(page: Page, id?: number | null): void;
}

export const useRoute = create<RouteState>((set) => ({
  ...parseRoute(window.location.hash),
  chosen: hasRoute(window.location.hash),
  go(page, id = null) {
    const hash = formatRoute({ page, id });
    if (window.location.hash !== hash) window.location.hash = hash;
    set({ page, id, chosen: true });
  },
}));

window.addEventListener('hashchange', () =>
  useRoute.setState({
    ...parseRoute(window.location.hash),
    chosen: hasRoute(window.location.hash),
  }),
);
