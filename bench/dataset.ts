/** A deterministic, realistic data set: people in order of first contact, their messages in bursts. */
import type { InboundEvent } from '../src/inbox/inbound-event';

export const NOW = Date.parse('2026-11-24T12:00:00.000Z');
const SPAN = 3 * 365 * 86_400_000;

const FIRST = [
  'Maria',
  'Ana',
  'Francisca',
  'Antônia',
  'Adriana',
  'Juliana',
  'Márcia',
  'Fernanda',
  'Patrícia',
  'Aline',
  'Sandra',
  'Camila',
  'Amanda',
  'Bruna',
  'Jéssica',
  'Letícia',
  'Júlia',
  'Luciana',
  'Vanessa',
  'Mariana',
  'Gabriela',
  'Conceição',
  'Beatriz',
  'Débora',
  'Cláudia',
  'José',
  'João',
  'Antônio',
  'Francisco',
  'Carlos',
  'Paulo',
  'Pedro',
  'Lucas',
  'Luiz',
  'Marcos',
  'Luís',
  'Gabriel',
  'Rafael',
  'Daniel',
  'Marcelo',
  'Bruno',
  'Eduardo',
  'Felipe',
  'Raimundo',
  'Rodrigo',
  'Sebastião',
  'André',
  'Fábio',
  'Vinícius',
  'Otávio',
];
const LAST = [
  'Silva',
  'Santos',
  'Oliveira',
  'Souza',
  'Rodrigues',
  'Ferreira',
  'Alves',
  'Pereira',
  'Lima',
  'Gomes',
  'Costa',
  'Ribeiro',
  'Martins',
  'Carvalho',
  'Almeida',
  'Lopes',
  'Soares',
  'Fernandes',
  'Vieira',
  'Barbosa',
  'Araújo',
  'Rocha',
  'Dias',
  'Nascimento',
  'Andrade',
  'Moreira',
  'Nunes',
  'Marques',
  'Machado',
  'Mendes',
  'Freitas',
  'Cardoso',
  'Ramos',
  'Gonçalves',
  'Santana',
  'Teixeira',
  'Conceição',
  'Magalhães',
  'Brandão',
  'Falcão',
];
const DDD = [
  11, 12, 13, 19, 21, 22, 24, 27, 31, 32, 35, 41, 43, 47, 48, 51, 54, 61, 62, 65, 67, 71, 73, 79,
  81, 83, 85, 86, 91, 92, 95, 98,
];
const TEXTS = [
  'Olá! Vocês entregam hoje?',
  'Qual o preço do bolo de chocolate?',
  'Obrigada, chegou certinho 😊',
  'Pode ser às 15h?',
  'Vocês aceitam Pix?',
  'Bom dia, ainda tem disponível?',
];

/** mulberry32: a small seeded generator, so every run builds the same people. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The events of `people` people, `perPerson` messages each, yielded in batches. */
export function* dataset(
  people: number,
  perPerson: number,
  batchSize: number,
): Generator<InboundEvent[]> {
  const rnd = random(20261124);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  let batch: InboundEvent[] = [];
  for (let p = 0; p < people; p++) {
    const first = pick(FIRST);
    const name = `${first} ${pick(LAST)}`;
    const digits = `55${pick(DDD)}9${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
    const kind = rnd();
    const start = NOW - SPAN + Math.floor(((p + rnd()) * SPAN) / people);
    for (let m = 0; m < perPerson; m++) {
      const timestamp = new Date(
        Math.min(NOW - 60_000, start + m * Math.floor(rnd() * 6 * 3_600_000)),
      ).toISOString();
      const direction = rnd() < 0.7 ? 'in' : 'out';
      const common = { account: 'default', direction, text: pick(TEXTS), timestamp } as const;
      if (kind < 0.6) {
        batch.push({
          ...common,
          channel: 'whatsapp',
          externalUserId: `${digits}@c.us`,
          displayName: name,
          messageId: `${direction === 'out'}_${digits}@c.us_3EB0${(p * 8 + m).toString(16).toUpperCase()}`,
        });
      } else if (kind < 0.8) {
        batch.push({
          ...common,
          channel: 'telegram',
          externalUserId: String(700_000_000 + p),
          displayName: name,
          username: `${first.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}${p}`,
          language: 'pt-br',
          messageId: `${700_000_000 + p}:${m + 1}`,
        });
      } else if (kind < 0.9) {
        batch.push({
          ...common,
          channel: 'webchat',
          externalUserId: `visitor-${p}`,
          displayName: name,
          email: rnd() < 0.5 ? `cliente${p}@exemplo.com.br` : null,
          messageId: `web-${p}-${m}`,
        });
      } else {
        batch.push({
          ...common,
          channel: 'sms',
          externalUserId: `+${digits}`,
          phone: `+${digits}`,
          messageId: `sms-${p}-${m}`,
        });
      }
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
