import { app, Menu, nativeImage, Tray } from 'electron';
import { desktopTexts } from './texts';

/**
 * The tray icon that keeps Clientela running with the window closed, so messages keep arriving;
 * quitting is a deliberate choice from here or the app menu.
 */
export function createTray(iconFile: string, actions: { show(): void; quit(): void }): Tray {
  const icon = nativeImage.createFromPath(iconFile);
  const tray = new Tray(icon.isEmpty() ? icon : icon.resize({ width: 18, height: 18 }));
  const text = desktopTexts();
  tray.setToolTip(app.getName());
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: text.trayOpen, click: actions.show },
      { type: 'separator' },
      { label: text.trayQuit, click: actions.quit },
    ]),
  );
  tray.on('click', actions.show);
  return tray;
}
