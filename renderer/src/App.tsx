import { useEffect, useState } from 'react';
import type { CustomerStats } from '../../src/api/types';

/** First screen: the seed's three numbers, straight from the core through the bridge. */
export function App() {
  const [stats, setStats] = useState<CustomerStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!window.clientela) {
      setError('Abra o Clientela pelo aplicativo (npm start).');
      return;
    }
    window.clientela
      .invoke('customers.stats', {})
      .then((value) => setStats(value as CustomerStats))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 32 }}>
      <h1>Clientela</h1>
      {error && <p role="alert">{error}</p>}
      {stats && (
        <dl>
          <dt>Total de clientes</dt>
          <dd>{stats.totalCustomers.toLocaleString('pt-BR')}</dd>
          <dt>Novos este mês</dt>
          <dd>{stats.newCustomersThisMonth.toLocaleString('pt-BR')}</dd>
          <dt>Ativos esta semana</dt>
          <dd>{stats.activeCustomersThisWeek.toLocaleString('pt-BR')}</dd>
        </dl>
      )}
    </main>
  );
}
