import type { ReactNode } from 'react';

/** What an empty screen says: what this is and what to do next. */
export function EmptyState({
  title,
  body,
  action,
}: {
  title: string;
  body: string;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state" role="status">
      <h2>{title}</h2>
      <p>{body}</p>
      {action}
    </div>
  );
}
