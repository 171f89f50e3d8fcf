/** The widget's static files (resources/webchat), read once when the account starts. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contentType, staticFile, type StaticFile } from '../../http/files';
import { webchatTexts } from './texts';

/** The folder beside the sources (development, tsx) or beside the bundle (out/main, packaged). */
const CANDIDATES = ['../../../resources/webchat/', '../../resources/webchat/'];

function widgetDir(): string {
  for (const candidate of CANDIDATES) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}widget.js`)) return dir;
  }
  throw new Error(webchatTexts().widgetMissing);
}

/** The files served by path. */
export function loadWidgetAssets(): Map<string, StaticFile> {
  const dir = widgetDir();
  return new Map(
    ['widget.js', 'widget.css'].map((name) => [
      `/${name}`,
      staticFile(contentType(name), readFileSync(`${dir}${name}`)),
    ]),
  );
}
