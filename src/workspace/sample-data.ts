/**
 * The demo's sample data: a small bakery's customers on all four channels, with conversations in
 * both directions, unread messages, tags and notes, spread over the last five weeks so that every
 * screen (the stats, the chart, the lists) has something to show. Written in the app's language.
 */
import type { Core } from '../core';
import { defineTexts } from '../i18n/catalogue';
import { currentLanguage } from '../i18n/language';
import type { InboundEvent } from '../inbox/inbound-event';
import type { Channel } from '../shared/domain';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** One message: how long ago, who wrote it (`in`: the person), and what. */
type Line = [ago: number, direction: 'in' | 'out', text: string];

interface SamplePerson {
  name: string;
  channel: Channel;
  /** The person's id on the channel: a phone for WhatsApp and SMS, a number for Telegram. */
  id: string;
  username?: string;
  email?: string;
  tags?: string[];
  note?: string;
  lines: Line[];
}

const days = (n: number) => n * DAY;
const minutes = (n: number) => n * MINUTE;

const people = defineTexts<SamplePerson[]>({
  'pt-BR': [
    {
      name: 'Maria Souza',
      channel: 'whatsapp',
      id: '5511987650001',
      tags: ['encomenda', 'vip'],
      note: 'Prefere retirar na loja aos sábados. Alérgica a amendoim.',
      lines: [
        [days(33), 'in', 'Oi! Vocês fazem bolo de aniversário para 30 pessoas?'],
        [days(33) - minutes(12), 'out', 'Fazemos sim, Maria! Qual sabor você prefere?'],
        [days(33) - minutes(20), 'in', 'Chocolate com morango, para o dia 12.'],
        [minutes(18), 'in', 'Bom dia! Posso buscar o bolo às 10h amanhã?'],
        [minutes(9), 'in', 'E vocês aceitam Pix?'],
      ],
    },
    {
      name: 'João Pereira',
      channel: 'whatsapp',
      id: '5521998760002',
      tags: ['atacado'],
      lines: [
        [days(20), 'in', 'Boa tarde, qual o preço do cento de coxinha?'],
        [days(20) - minutes(30), 'out', 'Boa tarde, João! O cento sai por R$ 90,00.'],
        [days(2), 'in', 'Quero 300 para sexta-feira, dá?'],
        [days(2) - minutes(15), 'out', 'Dá sim! Fica pronto às 16h.'],
      ],
    },
    {
      name: 'Conceição Araújo',
      channel: 'sms',
      id: '5531976540003',
      lines: [
        [days(12), 'in', 'Meu pedido de pão de queijo chegou frio, pode verificar?'],
        [days(12) - minutes(40), 'out', 'Sinto muito, Conceição! Mandamos outro ainda hoje.'],
        [days(12) - minutes(95), 'in', 'Chegou, obrigada pela atenção!'],
      ],
    },
    {
      name: 'Pedro Álvares',
      channel: 'telegram',
      id: '700100200',
      username: 'pedroalvares',
      tags: ['encomenda'],
      lines: [
        [days(5), 'in', 'Vocês entregam no Centro?'],
        [days(5) - minutes(8), 'out', 'Entregamos, sim: taxa de R$ 8,00 no Centro.'],
        [minutes(45), 'in', 'Então quero uma torta de limão para hoje à noite.'],
      ],
    },
    {
      name: 'Ana Lima',
      channel: 'webchat',
      id: 'visitante-ana-lima',
      email: 'ana.lima@exemplo.com.br',
      lines: [
        [days(1), 'in', 'Olá! Vi no site que vocês têm opções sem glúten. Quais?'],
        [days(1) - minutes(5), 'out', 'Oi, Ana! Temos pão de queijo, brownie e bolo de fubá.'],
      ],
    },
    {
      name: 'Roberto Nunes',
      channel: 'whatsapp',
      id: '5511965430006',
      note: 'Dono do café da esquina: compra toda segunda.',
      tags: ['atacado', 'vip'],
      lines: [
        [days(28), 'in', 'Bom dia, segue o pedido da semana: 50 croissants.'],
        [days(28) - minutes(10), 'out', 'Anotado, Roberto. Entrega às 7h.'],
        [days(7), 'in', 'Esta semana são 60, por favor.'],
        [days(7) - minutes(4), 'out', 'Combinado!'],
      ],
    },
    {
      name: 'Fernanda Alves',
      channel: 'telegram',
      id: '700100207',
      username: 'fe_alves',
      lines: [[minutes(180), 'in', 'Qual o horário de funcionamento no feriado?']],
    },
    {
      name: 'Lucas Martins',
      channel: 'sms',
      id: '5541954320008',
      lines: [
        [days(16), 'out', 'Lucas, sua encomenda de salgados está pronta para retirada.'],
        [days(16) - minutes(22), 'in', 'Passo aí às 18h, obrigado!'],
      ],
    },
  ],
  en: [
    {
      name: 'Mary Johnson',
      channel: 'whatsapp',
      id: '15550100001',
      tags: ['order', 'vip'],
      note: 'Likes to pick up at the shop on Saturdays. Allergic to peanuts.',
      lines: [
        [days(33), 'in', 'Hi! Do you make birthday cakes for 30 people?'],
        [days(33) - minutes(12), 'out', 'We do, Mary! Which flavour would you like?'],
        [days(33) - minutes(20), 'in', 'Chocolate and strawberry, for the 12th.'],
        [minutes(18), 'in', 'Good morning! Can I pick up the cake at 10 tomorrow?'],
        [minutes(9), 'in', 'And can I pay by card?'],
      ],
    },
    {
      name: 'John Carter',
      channel: 'whatsapp',
      id: '15550100002',
      tags: ['wholesale'],
      lines: [
        [days(20), 'in', 'Hello, how much for a hundred sausage rolls?'],
        [days(20) - minutes(30), 'out', 'Hi John! A hundred come to $90.'],
        [days(2), 'in', 'I need 300 for Friday, is that possible?'],
        [days(2) - minutes(15), 'out', 'Yes! Ready at 4 pm.'],
      ],
    },
    {
      name: 'Grace Miller',
      channel: 'sms',
      id: '15550100003',
      lines: [
        [days(12), 'in', 'My order of scones arrived cold, could you check?'],
        [days(12) - minutes(40), 'out', 'So sorry, Grace! We are sending another one today.'],
        [days(12) - minutes(95), 'in', 'It arrived, thank you for looking after it!'],
      ],
    },
    {
      name: 'Peter Brooks',
      channel: 'telegram',
      id: '700100200',
      username: 'peterbrooks',
      tags: ['order'],
      lines: [
        [days(5), 'in', 'Do you deliver downtown?'],
        [days(5) - minutes(8), 'out', 'We do: $8 delivery downtown.'],
        [minutes(45), 'in', "Then I'd like a lemon pie for tonight."],
      ],
    },
    {
      name: 'Anna Lee',
      channel: 'webchat',
      id: 'visitor-anna-lee',
      email: 'anna.lee@example.com',
      lines: [
        [days(1), 'in', 'Hello! I saw on the website you have gluten-free options. Which ones?'],
        [days(1) - minutes(5), 'out', 'Hi Anna! Cheese bread, brownies and corn cake.'],
      ],
    },
    {
      name: 'Robert Nash',
      channel: 'whatsapp',
      id: '15550100006',
      note: 'Owns the café on the corner: orders every Monday.',
      tags: ['wholesale', 'vip'],
      lines: [
        [days(28), 'in', "Morning, here is this week's order: 50 croissants."],
        [days(28) - minutes(10), 'out', 'Noted, Robert. Delivery at 7 am.'],
        [days(7), 'in', 'This week 60, please.'],
        [days(7) - minutes(4), 'out', 'Done!'],
      ],
    },
    {
      name: 'Fiona Wells',
      channel: 'telegram',
      id: '700100207',
      username: 'fiona_w',
      lines: [[minutes(180), 'in', 'What are your opening hours on the holiday?']],
    },
    {
      name: 'Luke Martin',
      channel: 'sms',
      id: '15550100008',
      lines: [
        [days(16), 'out', 'Luke, your party snacks are ready to pick up.'],
        [days(16) - minutes(22), 'in', "I'll be there at 6 pm, thanks!"],
      ],
    },
  ],
});

/** The person's messages as the channel's connector would have delivered them. */
function eventsOf(person: SamplePerson, now: number): InboundEvent[] {
  const phone = person.channel === 'whatsapp' || person.channel === 'sms' ? `+${person.id}` : null;
  const externalUserId = person.channel === 'whatsapp' ? `${person.id}@c.us` : (phone ?? person.id);
  return person.lines.map(([ago, direction, text], n) => ({
    channel: person.channel,
    account: 'default',
    direction,
    messageId: `demo-${person.channel}-${person.id}-${n}`,
    externalUserId,
    displayName: person.name,
    phone,
    email: person.email ?? null,
    username: person.username ?? null,
    text,
    timestamp: new Date(now - ago).toISOString(),
  }));
}

/** Fills an empty demo database with the sample bakery, in the app's language. */
export function fillSampleData(core: Core): void {
  const now = core.now();
  const sample = people.in(currentLanguage());
  // History, not news: no notification for any of it.
  core.inbox.ingestBatch(
    sample.flatMap((person) => eventsOf(person, now)),
    { backfill: true },
  );
  const byName = new Map(
    core.conversations.list({ limit: 200 }).items.map((c) => [c.label, c.customerId]),
  );
  for (const person of sample) {
    const id = byName.get(person.name);
    if (!id) continue;
    if (person.tags) core.customers.editor.update(id, { tags: person.tags });
    if (person.note) core.customers.editor.addNote(id, person.note);
  }
}
