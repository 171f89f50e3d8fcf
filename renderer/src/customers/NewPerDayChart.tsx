import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import { useStats } from '../store/stats';

const WIDTH = 600;
const HEIGHT = 120;
const GAP = 3;

/**
 * New customers per day over the last 30 days. Thirty bars need no chart library: a few lines of
 * SVG that scale with the card and take the theme's colours.
 */
export function NewPerDayChart() {
  const { t } = useTranslation();
  const format = useFormat();
  const days = useStats((s) => s.perDay);
  const max = Math.max(1, ...days.map((d) => d.count));
  const bar = days.length > 0 ? WIDTH / days.length : WIDTH;
  // A date every week, and the last day; a weekly one too close to the last would overlap it.
  const labelled = days
    .map((d, i) => ({ d, i }))
    .filter(({ i }) => i === days.length - 1 || (i % 7 === 0 && days.length - 1 - i >= 4));
  return (
    <section className="card chart">
      <h3>{t('stats.chartTitle')}</h3>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t('stats.chartTitle')}
      >
        {days.map((d, i) => {
          const h = Math.max(d.count > 0 ? 2 : 0, (d.count / max) * HEIGHT);
          return (
            <rect
              key={d.date}
              className="bar"
              x={i * bar + GAP / 2}
              y={HEIGHT - h}
              width={bar - GAP}
              height={h}
              rx={2}
            >
              <title>{t('stats.chartDay', { date: format.day(d.date), count: d.count })}</title>
            </rect>
          );
        })}
      </svg>
      {/* The dates as text beside the stretched drawing, so they keep their shape; the ends align
          with the card's edges instead of spilling over them. */}
      <div className="chart-axis" aria-hidden="true">
        {labelled.map(({ d, i }) => (
          <span
            key={d.date}
            style={
              i === 0
                ? { left: 0 }
                : i === days.length - 1
                  ? { right: 0 }
                  : { left: `${((i + 0.5) / days.length) * 100}%`, transform: 'translateX(-50%)' }
            }
          >
            {format.day(d.date)}
          </span>
        ))}
      </div>
    </section>
  );
}
