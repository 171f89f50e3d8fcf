import { app, Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';

/**
 * The tray icon that keeps Clientela running with the window closed, so messages keep arriving;
 * quitting is a deliberate choice from here or the app menu.
 */
export function createTray(actions: { show(): void; quit(): void }): Tray {
  const icon = nativeImage.createFromPath(join(import.meta.dirname, '../../resources/icon.png'));
  const tray = new Tray(icon.isEmpty() ? icon : icon.resize({ width: 18, height: 18 }));
  tray.setToolTip(app.getName());
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Abrir o Clientela / Open Clientela', click: actions.show },
      { type: 'separator' },
      { label: 'Sair / Quit', click: actions.quit },
    ]),
  );
  tray.on('click', actions.show);
  return tray;
}
