/** The core's texts in Portuguese (Brazil): the first language of the people using the app. */
import type { CoreTexts } from './core-texts';

const listPt = (items: string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} e ${items.at(-1)}` : items.join('');

export const PT: CoreTexts = {
  channelName: { whatsapp: 'WhatsApp', telegram: 'Telegram', webchat: 'chat do site', sms: 'SMS' },
  fieldNames: {
    displayName: 'Nome',
    phone: 'Telefone',
    email: 'E-mail',
    tags: 'Etiquetas',
    note: 'Anotação',
    text: 'Mensagem',
    body: 'Anotação',
    username: 'Usuário',
    channel: 'Canal',
    timeZone: 'Fuso horário',
    defaultRegion: 'País',
    language: 'Idioma',
    limit: 'Limite',
    token: 'Token do bot',
    apiRoot: 'Endereço da Bot API',
    includeGroups: 'Incluir grupos',
    chromePath: 'Local do Chrome',
    port: 'Porta',
    allowedOrigins: 'Sites permitidos',
    publicUrl: 'Endereço público do chat',
    host: 'Escutar no endereço',
    greeting: 'Saudação',
    url: 'Endereço do gateway',
    password: 'Senha',
    simNumber: 'Chip (SIM)',
    enabled: 'Ativa',
    networkAccess: 'Acesso pela rede do escritório',
    autoUpdate: 'Atualizar sozinho',
    backupFolder: 'Pasta dos backups',
    backupKeep: 'Backups guardados',
    from: 'Backup',
  },
  notFound: (thing) =>
    ({
      customer: 'Cliente não encontrado',
      conversation: 'Conversa não encontrada',
      message: 'Mensagem não encontrada',
      contact: 'Contato do canal não encontrado',
      note: 'Anotação não encontrada',
    })[thing],
  unknownMethod: (method) => `Método desconhecido "${method}"`,
  bodyNotJson: 'O corpo do pedido não é um JSON válido',
  bodyNotObject: 'O corpo do pedido deve ser um objeto JSON',
  pageLinkExpired: 'Este link de página não vale mais; comece de novo pela primeira página',
  required: 'Obrigatório',
  internalError: 'Algo deu errado; o erro foi registrado',
  tooLarge: (bytes) => `O pedido passa de ${bytes} bytes`,
  tokenNeeded: 'Abra o endereço que o Clientela mostrou, com o token',
  changedOnThisComputer: (fields) =>
    `${listPt(fields)}: só pode ser alterado no próprio computador do Clientela (no aplicativo ou com o comando clientela), não pela rede`,
  setByEnvironment: (variable) =>
    `Definido pela variável de ambiente ${variable} ao iniciar o Clientela: mude-a lá e reinicie o Clientela`,
  secretStoreDamaged: (file) =>
    `O cofre de senhas ${file} está danificado ou foi criado em outro computador`,
  fileLocked: (lockFile) =>
    `Outro Clientela está alterando os arquivos de ${lockFile}; tente de novo em instantes`,

  backupOnThisComputer:
    'Backups são feitos e restaurados só no próprio computador do Clientela (no aplicativo ou com o comando clientela), não pela rede',
  fullPath:
    'O caminho completo de uma pasta deste computador, como C:\\Backups ou /home/loja/backups',
  backupFolderUnusable: (folder, why) => `Não foi possível gravar o backup em ${folder}: ${why}`,
  backupWhy: {
    noSpace: 'não há espaço livre',
    denied: 'sem permissão para gravar lá',
    missing: 'a pasta não existe (um pen drive desconectado?)',
    notFolder: 'é um arquivo, não uma pasta',
  },
  backupNotFound: (path) => `Nenhum backup do Clientela em ${path}`,
  copyNotSqlite: 'Este arquivo não é um banco de dados do Clientela',
  copyDamaged: (detail) => `Este backup está danificado (${detail}); nada foi alterado`,
  copyNotClientela: 'Este banco de dados não é do Clientela',
  copyNewer: (version, known) =>
    `Este backup foi feito por uma versão mais nova do Clientela (esquema ${version}; esta conhece até ${known}): atualize o Clientela para restaurá-lo`,
  restoreInDemo: 'Saia da demonstração para restaurar um backup',
  restoreUnavailable:
    'Restaure pelo aplicativo ou com o comando clientela restore, com o Clientela fechado',

  enterName: 'Digite um nome',
  nameEmpty: 'O nome não pode ficar vazio',
  countryCode: 'Um código de país de duas letras, como BR',
  unknownTimeZone: 'Fuso horário desconhecido',
  typeMessage: 'Digite uma mensagem',
  giveRecipient: 'Informe um telefone, um nome de usuário ou um id do canal',
  accountKey: 'O nome da conta tem de 1 a 40 letras minúsculas, algarismos, "-" ou "_"',
  noteEmpty: 'A anotação está vazia',
  fileEmpty: 'O arquivo está vazio',
  nameAction: 'Diga qual ação',
  halfCharacter:
    'O texto tem metade de um caractere (um emoji cortado ao meio); apague-a e digite de novo',

  notAPhone: (raw) => `"${raw}" não é um telefone; inclua o DDD, por exemplo +55 11 99999-8888`,
  csvNotAPhone: (raw) => `"${raw}" não é um telefone`,
  notAnEmail: (raw) => `"${raw}" não é um endereço de e-mail`,
  contactTaken: (kind) =>
    `Outro cliente já tem ${kind === 'phone' ? 'este telefone' : 'este e-mail'}; abra-o ou junte os dois`,
  alreadyCustomer: 'Este contato já é um cliente',
  mergeSame: 'Escolha dois clientes diferentes para juntar',
  splitForeign: 'Esses contatos de canal não são todos deste cliente',
  splitAll: 'Deixe pelo menos um contato de canal com o cliente',
  givePhone: 'Informe o telefone para quem escrever',
  nobodyYet: (channel, by) =>
    `Ninguém com esse ${by === 'username' ? 'nome de usuário' : 'id'} escreveu no ${PT.channelName[channel]} ainda; no ${PT.channelName[channel]} a pessoa precisa escrever primeiro`,
  answerInConversation: (channel) =>
    `No ${PT.channelName[channel]} ninguém é achado pelo telefone ou usuário que digitou; responda na conversa da pessoa`,
  matchSelf: 'Escolha dois clientes diferentes',
  onlyFailedRetry: 'Só uma mensagem que falhou pode ser enviada de novo',

  csvHeader: 'A primeira linha deve nomear as colunas, por exemplo: nome;telefone;email',
  csvNothingUsable: 'sem nome, telefone nem e-mail',
  csvImportedWithout: (problems) => `importado sem: ${problems}`,
  csvBadLine: (line, problem) => `Linha ${line}: ${problem}`,
  csvQuoteNotClosed: 'aspas abertas aqui nunca se fecham',
  csvTextAfterQuote: (closedOn) =>
    `depois das aspas que fecham a célula${closedOn ? ` (na linha ${closedOn})` : ''} vem texto em vez do separador; falta uma aspa?`,
  csvQuoteInCell:
    'tem aspas no meio de uma célula; ponha a célula inteira entre aspas e dobre as aspas de dentro',
  csvNul: 'tem um caractere NUL; salve a planilha como "CSV UTF-8"',
  csvNotUnicode: 'tem texto cortado no meio de um caractere',
  csvRowTooLong: (max) =>
    `a linha passa de ${max.toLocaleString('pt-BR')} caracteres; faltou fechar aspas?`,
  csvOnlyOne: (value, kind) =>
    `"${value}" (cada cliente guarda um ${kind === 'phone' ? 'telefone' : 'e-mail'} próprio)`,
  csvTaken: (value) => `"${value}" (é de outro cliente)`,
  csvNameKept: (value) => `o nome "${value}" (fica o nome digitado no app)`,
  xlsxUnreadable:
    'O arquivo não é uma pasta de trabalho do Excel (.xlsx) legível; salve-o de novo como "Pasta de Trabalho do Excel" ou como CSV',
  xlsxTooLarge: (megabytes) =>
    `A planilha passa de ${megabytes.toLocaleString('pt-BR')} MB descompactada; divida-a em partes`,
  importOneSheet: 'Envie uma planilha: um CSV ou um XLSX',

  noDriver: (channel) =>
    `Esta versão do Clientela não conecta contas de ${PT.channelName[channel]}`,
  notASetting: (key, channel) =>
    `"${key}" não é uma configuração das contas de ${PT.channelName[channel]}`,
  notANumber: (field, text) => `${field}: "${text}" não é um número`,
  notYesNo: (field, text) => `${field}: "${text}" não é sim nem não`,
  programNotFullPath: (field, path) =>
    `${field}: "${path}" não é um caminho completo neste computador (como C:\\Program Files\\... ou /usr/bin/...)`,
  programOnNetwork: (field, path) =>
    `${field}: "${path}" está em outro computador da rede; escolha um programa instalado neste computador`,
  programMissing: (field, path) => `${field}: não há um programa em "${path}"`,
  programNotChosenHere: (field, path) =>
    `${field}: "${path}" foi salvo antes de o Clientela conferir de onde vinha e não é usado; escolha de novo neste computador`,
  accountTaken: (channel, account) =>
    `Já existe uma conta de ${PT.channelName[channel]} chamada "${account}"; escolha outro nome`,
  checkFailed: (channel, reason) =>
    `Não foi possível verificar a conta de ${PT.channelName[channel]}: ${reason}`,
  noAnswerWithin: (seconds) => `sem resposta em ${seconds} segundos`,
  noAccount: (channel, account) =>
    `Não existe conta de ${PT.channelName[channel]} chamada "${account}"`,
  notConnectedNow: (channel, account) =>
    `A conta de ${PT.channelName[channel]} "${account}" não está conectada agora`,
  noAction: (channel, action) =>
    `As contas de ${PT.channelName[channel]} não têm a ação "${action}"`,
  demoOnlyWhenEmpty:
    'Os dados de demonstração só podem ser abertos enquanto o Clientela ainda está vazio',
  demoUnavailable: 'Os dados de demonstração não estão disponíveis aqui',
  demoNoChannels:
    'Isto é uma demonstração: saia dela (e apague os dados de exemplo) para conectar um canal',
  connectionFailed: 'A conexão falhou',
  connectionEnded: 'A conexão terminou',
  personalDataReadme: [
    'Dados pessoais guardados pelo Clientela sobre uma pessoa (LGPD, art. 18).',
    '',
    'customer.json, em UTF-8:',
    '- customer: o cadastro (nome, telefone, e-mail, origem, primeiro e último contato);',
    '- identities: como cada canal conhece a pessoa (WhatsApp, Telegram, chat do site, SMS);',
    '- messages: todas as mensagens, em ordem: time (UTC), direction (in: da pessoa; out: da',
    '  empresa), channel, account, text, status;',
    '- notes: as anotações da equipe; tags: as etiquetas;',
    '- files: os arquivos desta pasta (pictures/: fotos de perfil).',
    '',
  ].join('\n'),

  sendNoAccount: (channel, account) =>
    `Nenhuma conta de ${PT.channelName[channel]} "${account}" está conectada. Adicione-a na página Canais e envie de novo.`,
  sendPaused: (channel, account) =>
    `A conta de ${PT.channelName[channel]} "${account}" está pausada. Retome-a na página Canais e envie de novo.`,
  channelRefused: 'O canal recusou a mensagem',
};
