import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from './ErrorBanner';

/**
 * Keeps the window standing when a page cannot be shown: its code fetched when first opened may
 * be gone (host mode restarted on a newer version while an agent's browser kept the old page),
 * or the page failed to draw. The navigation stays; a reload fetches the page again.
 */
export class PageBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}

function PageFailed() {
  const { t } = useTranslation();
  return (
    <div>
      <ErrorBanner message={t('app.pageFailed')} onRetry={() => window.location.reload()} />
    </div>
  );
}
