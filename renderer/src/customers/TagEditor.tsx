import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Tags as removable chips, and a field that adds one on Enter. */
export function TagEditor({
  tags,
  onChange,
}: {
  tags: string[];
  onChange: (tags: string[]) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  return (
    <div className="tag-editor">
      {tags.map((tag) => (
        <span key={tag} className="tag">
          {tag}
          <button
            type="button"
            aria-label={`${t('common.delete')} ${tag}`}
            onClick={() => void onChange(tags.filter((x) => x !== tag))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        aria-label={t('detail.addTag')}
        placeholder={t('detail.addTag')}
        value={draft}
        maxLength={50}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          const tag = draft.trim();
          if (e.key !== 'Enter' || !tag) return;
          e.preventDefault();
          setDraft('');
          if (!tags.includes(tag)) void onChange([...tags, tag]);
        }}
      />
    </div>
  );
}
