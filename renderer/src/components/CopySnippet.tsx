import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../clipboard';

/** A line to copy (a website's snippet, an address to share), with its Copy button. */
export function CopySnippet({ text }: { text: string }) {
  const { t } = useTranslation();
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <span className="snippet-row">
      <code ref={code} className="snippet">
        {text}
      </code>
      <button
        type="button"
        className="ghost"
        onClick={() => void copyText(text, code.current).then(setCopied)}
      >
        {copied ? t('webchatSnippet.copied') : t('webchatSnippet.copy')}
      </button>
    </span>
  );
}
