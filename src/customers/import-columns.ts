/**
 * Which column of a sheet holds what, and how its cells hold several values, for the sheets
 * owners already have: ours, a typed sheet (Nome, Telefone, Celular, E-mail), Google Contacts'
 * CSV (First Name, "Phone 1 - Value", "E-mail 1 - Value", Labels; several values of one kind in
 * one cell joined by " ::: ") and the Outlook CSV it also offers (Mobile Phone, E-mail 2
 * Address), Chatwoot's contact export (name, email, phone_number) and the WhatsApp Web exporters
 * (Name, Phone Number; Nome, Número). Headers are compared without case, accents, underscores or
 * doubled spaces.
 */
import { foldText } from '../shared/text';
import { splitValues } from './csv';

export type Field =
  'name' | 'givenName' | 'middleName' | 'familyName' | 'phones' | 'emails' | 'tags' | 'notes';

const NAMES: Record<string, Field> = {};
const alias = (field: Field, ...headers: string[]) => {
  for (const header of headers) NAMES[header] = field;
};
alias(
  'name',
  'nome',
  'name',
  'nome completo',
  'full name',
  'cliente',
  'contato',
  'nome do contato',
  'contact name',
  'display name',
  'saved name',
  'nome salvo',
);
alias('givenName', 'first name', 'given name', 'primeiro nome', 'nome proprio');
alias('middleName', 'middle name', 'additional name', 'nome do meio');
alias('familyName', 'last name', 'family name', 'sobrenome', 'ultimo nome');
alias(
  'phones',
  'telefone',
  'telefones',
  'celular',
  'celulares',
  'whatsapp',
  'fone',
  'numero',
  'numero de telefone',
  'numero do whatsapp',
  'telefone celular',
  'phone',
  'phones',
  'phone number',
  'mobile',
  'mobile phone',
  'mobile number',
  'whatsapp number',
  'contact number',
  // Outlook's CSV, which Google Contacts also exports.
  'home phone',
  'business phone',
  'primary phone',
  'other phone',
);
alias(
  'emails',
  'email',
  'emails',
  'e-mail',
  'e-mails',
  'email address',
  'e-mail address',
  'endereco de e-mail',
  'endereco de email',
);
alias('tags', 'tags', 'etiquetas', 'marcadores', 'labels', 'group membership', 'grupos');
alias('notes', 'notas', 'notes', 'anotacoes', 'observacoes', 'observacao', 'obs');

/** Numbered columns: Google's "Phone 2 - Value", a sheet's "Telefone 2" or "E-mail 3". */
const NUMBERED: [RegExp, Field][] = [
  [/^(?:phone|telefone|celular) \d+(?: - value)?$/, 'phones'],
  [/^e-?mail \d+(?: - value| address)?$/, 'emails'],
];

/** The field a header names, or undefined for a column the import leaves alone. */
export function fieldOf(header: string): Field | undefined {
  const key = foldText(header.trim()).replace(/[_\s]+/g, ' ');
  return NAMES[key] ?? NUMBERED.find(([pattern]) => pattern.test(key))?.[1];
}

/** Whether the header names a column a customer can be found or made from. */
export const identifies = (field: Field | undefined) =>
  field !== undefined && field !== 'tags' && field !== 'notes';

/**
 * Between several values in one cell, past our own " | ": Google's " ::: " for every kind, and
 * for phones and e-mails what people type between them (";", ","; "/" between phones).
 */
const MORE: Partial<Record<Field, RegExp>> = {
  phones: /\s+:::\s+|[;,/]/,
  emails: /\s+:::\s+|[;,]/,
  tags: /\s+:::\s+/,
};

/** The values of a cell of this field: one for a name, any number for the others. */
export function valuesOf(field: Field, cell: string): string[] {
  if (field === 'name' || field === 'givenName' || field === 'middleName' || field === 'familyName')
    return cell === '' ? [] : [cell];
  const more = MORE[field];
  const values = more
    ? splitValues(cell).flatMap((value) => value.split(more).map((v) => v.trim()))
    : splitValues(cell);
  // Google's own labels ("* myContacts", "* starred") are not the owner's tags.
  return values.filter((v) => v !== '' && !(field === 'tags' && v.startsWith('* ')));
}
