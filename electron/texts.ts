/**
 * What the desktop shell itself says: the tray menu, the dialog after an unexpected error, the
 * notice of a downloaded update. They follow the app's language like the core's texts.
 */
import { defineTexts } from '../src/i18n/catalogue';

export interface DesktopTexts {
  trayOpen: string;
  trayQuit: string;
  crashTitle: string;
  crashRestarting(logFile: string): string;
  crashGivingUp(logFile: string): string;
  updateReadyTitle: string;
  updateReady(version: string): string;
}

export const desktopTexts = defineTexts<DesktopTexts>({
  'pt-BR': {
    trayOpen: 'Abrir o Clientela',
    trayQuit: 'Sair',
    crashTitle: 'O Clientela encontrou um erro inesperado',
    crashRestarting: (logFile) =>
      `O Clientela vai reiniciar agora. Nada do que já foi salvo se perde.\n\nO erro foi registrado em ${logFile}; se acontecer de novo, envie esse arquivo ao suporte.`,
    crashGivingUp: (logFile) =>
      `O Clientela falhou várias vezes seguidas e não vai reiniciar sozinho. Abra-o de novo quando quiser; nada do que já foi salvo se perde.\n\nEnvie ao suporte o arquivo ${logFile}.`,
    updateReadyTitle: 'Nova versão do Clientela',
    updateReady: (version) => `A versão ${version} foi baixada e será instalada ao sair do app.`,
  },
  en: {
    trayOpen: 'Open Clientela',
    trayQuit: 'Quit',
    crashTitle: 'Clientela ran into an unexpected error',
    crashRestarting: (logFile) =>
      `Clientela will restart now. Nothing already saved is lost.\n\nThe error was written to ${logFile}; if it happens again, send that file to support.`,
    crashGivingUp: (logFile) =>
      `Clientela failed several times in a row and will not restart on its own. Open it again whenever you like; nothing already saved is lost.\n\nSend the file ${logFile} to support.`,
    updateReadyTitle: 'New version of Clientela',
    updateReady: (version) => `Version ${version} was downloaded and is installed when you quit.`,
  },
});
