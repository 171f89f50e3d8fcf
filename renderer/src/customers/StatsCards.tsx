import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';
import { useStats } from '../store/stats';

/** The seed's three numbers: total, new this month, active this week. */
export function StatsCards() {
  const { t } = useTranslation();
  const format = useFormat();
  const stats = useStats((s) => s.stats);
  const cards = [
    ['total', stats?.totalCustomers],
    ['newThisMonth', stats?.newCustomersThisMonth],
    ['activeThisWeek', stats?.activeCustomersThisWeek],
  ] as const;
  return (
    <section className="stats-cards">
      {cards.map(([key, value]) => (
        <div className="card stat" key={key} data-stat={key}>
          <div className="stat-label">{t(`stats.${key}`)}</div>
          <div className="stat-value">{value === undefined ? '–' : format.number(value)}</div>
        </div>
      ))}
    </section>
  );
}
