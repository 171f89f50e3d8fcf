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
  return (
    <section className="card chart">
      <h3>{t('stats.chartTitle')}</h3>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 18}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t('stats.chartTitle')}
      >
        {days.map((d, i) => {
          const h = Math.max(d.count > 0 ? 2 : 0, (d.count / max) * HEIGHT);
          return (
            <g key={d.date}>
              <rect
                className="bar"
                x={i * bar + GAP / 2}
                y={HEIGHT - h}
                width={bar - GAP}
                height={h}
                rx={2}
              >
                <title>{t('stats.chartDay', { date: format.day(d.date), count: d.count })}</title>
              </rect>
              {(i % 7 === 0 || i === days.length - 1) && (
                <text className="axis" x={i * bar + bar / 2} y={HEIGHT + 14} textAnchor="middle">
                  {format.day(d.date)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </section>
  );
}
