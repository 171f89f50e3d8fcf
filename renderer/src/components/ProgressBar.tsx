/** A determinate bar when the total is known, an indeterminate one until then. */
export function ProgressBar({
  done,
  total,
  label,
}: {
  done: number;
  total: number;
  label: string;
}) {
  return (
    <div className="progress">
      <progress
        aria-label={label}
        value={total > 0 ? Math.min(done, total) : undefined}
        max={total > 0 ? total : undefined}
      />
      <span>{label}</span>
    </div>
  );
}
