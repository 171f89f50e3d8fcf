/** Word lists for the bench's people and messages: Brazilian names, area codes, everyday texts. */

const words = (text: string) => [...new Set(text.trim().split(/\s+/))];

/** 200+ common Brazilian first names, accents included. */
export const FIRST_NAMES = words(`
  Maria Ana Francisca Antônia Adriana Juliana Márcia Fernanda Patrícia Aline Sandra Camila Amanda
  Bruna Jéssica Letícia Júlia Luciana Vanessa Mariana Gabriela Conceição Beatriz Débora Cláudia
  Vitória Larissa Rafaela Simone Tatiane Renata Raimunda Sônia Lúcia Carla Cristiane Daniela Eliane
  Fabiana Isabela Luana Natália Priscila Rosângela Sebastiana Tânia Vera Viviane Alessandra Andréa
  Bárbara Bianca Carolina Cecília Célia Cíntia Denise Elaine Eliana Érica Fátima Flávia Gisele
  Helena Ingrid Irene Ivone Jaqueline Joana Josefa Karina Kátia Laura Lívia Lorena Luíza Manuela
  Marta Michele Mônica Nathália Paula Raquel Regina Rita Roberta Rosa Sabrina Silvana Sofia Stéfany
  Tereza Valéria Yasmin Zilda Inês Glória Heloísa Alícia Valentina Lúcia Marlene Neide Aparecida
  José João Antônio Francisco Carlos Paulo Pedro Lucas Luiz Marcos Luís Gabriel Rafael Daniel
  Marcelo Bruno Eduardo Felipe Raimundo Rodrigo Sebastião André Fábio Vinícius Otávio Manoel
  Geraldo Jorge Ricardo Roberto Sérgio Fernando Alexandre Márcio Leandro Gustavo Thiago Tiago
  Mateus Matheus Diego Leonardo Guilherme Henrique Júlio César Renato Rogério Cícero Edson Emerson
  Everton Flávio Gilberto Hélio Igor Ivan Jefferson Jonas Joaquim Lúcio Mauro Maurício Moisés
  Nélson Osvaldo Raul Reinaldo Sílvio Valdir Vítor Wagner Wellington Wilson Caio Davi Enzo Heitor
  Arthur Benício Bernardo Lorenzo Miguel Murilo Nicolas Samuel Théo Ícaro Ítalo Álvaro Anderson
  Adriano Alex Cristiano Danilo Douglas Elias Benedito Severino Valdemar Wanderley Zé Conrado
`);

/** 200+ common Brazilian surnames, accents included. */
export const SURNAMES = words(`
  Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro Martins
  Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa Araújo Rocha Dias Nascimento Andrade
  Moreira Nunes Marques Machado Mendes Freitas Cardoso Ramos Gonçalves Santana Teixeira Conceição
  Magalhães Brandão Falcão Aragão Assunção Simões Guimarães Gusmão Leão Sampaio Cavalcanti
  Cavalcante Bezerra Batista Campos Castro Correia Cunha Duarte Farias Fonseca Garcia Jesus Lacerda
  Leite Lourenço Macedo Medeiros Melo Miranda Monteiro Moraes Morais Moura Neves Nogueira Pacheco
  Pinheiro Pinto Queiroz Reis Sales Siqueira Tavares Toledo Vasconcelos Xavier Borges Brito
  Caldeira Coelho Dantas Estevão Feitosa Figueiredo Galvão Godinho Henriques Holanda Jardim Lins
  Lobo Maciel Matos Meireles Mota Nóbrega Paiva Peixoto Prado Quintela Rezende Sá Sobral Tenório
  Uchôa Valadares Veloso Ávila Abreu Aguiar Amaral Antunes Azevedo Bastos Bento Bittencourt Braga
  Bueno Camargo Carneiro Chaves Cordeiro Couto Cruz Diniz Espíndola Esteves Fagundes Franco Frota
  Gama Gouveia Lago Leme Loureiro Luz Marinho Mascarenhas Menezes Mesquita Mourão Nepomuceno Novais
  Pestana Porto Quadros Rangel Resende Ribas Romão Rosário Seixas Serrano Sousa Tomé Torres Trindade
  Valente Vaz Viana Vilela Aquino Barros Bessa Câmara Damião Estrela Fortes Frazão Gaspar Inácio
  Jordão Lemos Lustosa Maia Meira Muniz Pádua Parente Paixão Pimentel Quaresma Salomão Sarmento
  Teles Ventura Bragança Cortês Patrício Conrado Brás Galdino Simão Albuquerque Goulart
`);

/** Area codes (DDD), the big cities listed more than once so that they come up more often. */
export const AREA_CODES = [
  11, 11, 11, 11, 11, 11, 21, 21, 21, 31, 31, 41, 51, 61, 71, 81, 85, 12, 13, 14, 15, 16, 17, 18,
  19, 22, 24, 27, 28, 32, 33, 34, 35, 37, 38, 42, 43, 44, 45, 46, 47, 48, 49, 53, 54, 55, 62, 63,
  64, 65, 66, 67, 68, 69, 73, 74, 75, 77, 79, 82, 83, 84, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96,
  97, 98, 99,
];

export const EMAIL_DOMAINS = [
  'gmail.com',
  'gmail.com',
  'gmail.com',
  'hotmail.com',
  'outlook.com',
  'yahoo.com.br',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
  'icloud.com',
];

/** What people write to a small business, and what it answers. */
export const INBOUND_TEXTS = [
  'Olá! Vocês entregam hoje?',
  'Qual o preço do bolo de chocolate?',
  'Obrigada, chegou certinho 😊',
  'Pode ser às 15h?',
  'Vocês aceitam Pix?',
  'Bom dia, ainda tem disponível?',
  'Oi, boa tarde! Gostaria de fazer uma encomenda para sábado.',
  'Quanto fica a entrega para o bairro Santa Cecília?',
  'Vcs abrem domingo?',
  'Tem sem glúten?',
  'Meu pedido ainda não chegou, pode verificar por favor?',
  'Ok',
  'Obrigado!',
  '👍',
  'Pode mandar o cardápio?',
  'Quero 2 coxinhas e 1 guaraná, retiro às 18h',
  'Consigo pagar no cartão na entrega?',
  'Boa noite, vocês fazem festa de aniversário? Seriam umas 40 pessoas, no dia 12.',
  'Perfeito, combinado então',
  'Qual o endereço da loja?',
  'Vi o anúncio no Instagram, ainda está valendo a promoção?',
  'Pode ser',
  'Amanhã de manhã é possível?',
  'Recebi, muito obrigada pela atenção ❤️',
];

export const OUTBOUND_TEXTS = [
  'Olá! Entregamos sim, até as 18h.',
  'O bolo de chocolate sai por R$ 89,90 (1,5 kg).',
  'Aceitamos Pix, cartão e dinheiro.',
  'Combinado! Seu pedido está confirmado ✅',
  'Bom dia! Temos sim, quer que separe para você?',
  'Segue o cardápio: https://exemplo.com.br/cardapio',
  'Nosso endereço é Rua Augusta, 1500 - Consolação, São Paulo.',
  'Obrigado pela preferência! 😊',
  'O entregador já saiu, deve chegar em 20 minutos.',
  'Fazemos sim! Vou te mandar as opções de pacote.',
];
