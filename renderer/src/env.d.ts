/** Present inside Electron (the preload's bridge); absent in a browser, where HTTP is used. */
interface Window {
  clientela?: {
    invoke(method: string, input: unknown): Promise<unknown>;
    subscribe(listener: (events: unknown[]) => void): () => void;
  };
}

/** Vite bundles imported stylesheets. */
declare module '*.css';
