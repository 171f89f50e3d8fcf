/** Present inside Electron (the preload's bridge); absent in a browser, where HTTP is used. */
interface Window {
  clientela?: import('../../src/api/types').DesktopBridge;
}

/** Vite bundles imported stylesheets. */
declare module '*.css';
