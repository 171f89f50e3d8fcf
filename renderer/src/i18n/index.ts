/** i18next with the app's two languages; the language follows the settings (or the system). */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ptBR } from './pt-BR';

void i18next.use(initReactI18next).init({
  resources: { 'pt-BR': { translation: ptBR }, en: { translation: en } },
  lng: navigator.language.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en',
  fallbackLng: 'pt-BR',
  // React escapes what it renders; escaping here too would show "&amp;" in names.
  interpolation: { escapeValue: false },
});

export { i18next };
