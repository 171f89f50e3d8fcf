/** The visitor API: the widget's settings, a new visitor, their messages, and sending one. */
import type { IncomingMessage } from 'node:http';
import type { Message } from '../../api/types';
import { bearerToken } from '../../http/request';
import { createRouter } from '../../http/router';
import type { ConnectorContext } from '../connector';
import type { WebchatConfig } from './config';
import { WidgetError } from './errors';
import { readBody } from './http';
import { spend, type Limits } from './limits';
import { translateVisitorMessage } from './translate';
import { MAX_NAME, MAX_TEXT, parseBody, PostMessageSchema } from './validation';
import { newVisitor, visitorOf } from './visitors';

/** How far back a returning visitor sees their conversation. */
const HISTORY_LIMIT = 100;

export interface ApiDeps {
  ctx: ConnectorContext<WebchatConfig>;
  key: Buffer;
  limits: Limits;
  now: () => number;
  /** Sends a payload to the visitor's open widgets. */
  push(visitorId: string, payload: unknown): number;
}

/** A message as the widget shows it: who wrote it, never how it is stored. */
export interface WidgetMessage {
  id: number | null;
  /** The widget's own id of a message the visitor just sent (other tabs skip their copy). */
  clientId?: string;
  from: 'visitor' | 'agent';
  text: string;
  at: string;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
}

/** The visitor a request's token names; every call about a conversation needs one. */
function visitorOfRequest(req: IncomingMessage, key: Buffer): string {
  const visitorId = visitorOf(key, bearerToken(req));
  if (!visitorId) throw new WidgetError('unauthorized');
  return visitorId;
}

/** What the widget shows of a stored message. */
export const toWidgetMessage = (message: Message): WidgetMessage => ({
  id: message.id,
  from: message.direction === 'in' ? 'visitor' : 'agent',
  text: message.text,
  at: message.timestamp,
});

type Handler = (req: IncomingMessage, deps: ApiDeps, address: string) => Promise<ApiAnswer>;

/** The widget's settings, for any page of the allowed websites. */
const widgetSettings: Handler = async (_req, { ctx }) => ({
  status: 200,
  body: {
    greeting: ctx.config.greeting || null,
    prechatForm: ctx.config.prechatForm,
    maxText: MAX_TEXT,
    maxName: MAX_NAME,
  },
});

/** A new visitor and their token, asked for by the widget before its first message. */
const startSession: Handler = async (_req, { key, limits }, address) => {
  spend(limits.newVisitors, address);
  return { status: 201, body: { token: newVisitor(key).token } };
};

/** The visitor's conversation, for a returning visitor. */
const history: Handler = async (req, { ctx, key }) => {
  const visitorId = visitorOfRequest(req, key);
  const messages = ctx.history!(visitorId, HISTORY_LIMIT)
    // A reply that failed never reached the visitor; the agent sees it and may send it again.
    .filter((message) => message.status !== 'failed')
    .map(toWidgetMessage);
  return { status: 200, body: { messages } };
};

/** A message from the visitor, delivered to the inbox and shown in their other tabs. */
const postMessage: Handler = async (req, deps) => {
  const { ctx, key, limits } = deps;
  const visitorId = visitorOfRequest(req, key);
  spend(limits.messages, visitorId);
  const message = parseBody(PostMessageSchema, await readBody(req));
  if (ctx.config.prechatForm && !(message.name && message.email))
    throw new WidgetError('profile_required');
  const at = new Date(deps.now()).toISOString();
  ctx.deliver([translateVisitorMessage(message, visitorId, ctx.account, at)]);
  const sent: WidgetMessage = {
    id: null,
    clientId: message.clientId,
    from: 'visitor',
    text: message.text,
    at,
  };
  // The visitor's other open tabs show it too.
  deps.push(visitorId, { type: 'message', message: sent });
  return { status: 201, body: { message: sent } };
};

const route = createRouter<Handler>([
  ['GET', '/api/config', widgetSettings],
  ['POST', '/api/session', startSession],
  ['GET', '/api/messages', history],
  ['POST', '/api/messages', postMessage],
]);

/** Answers one API call of an allowed origin; the address has already been rate limited. */
export async function handleApi(
  req: IncomingMessage,
  path: string,
  deps: ApiDeps,
  address: string,
): Promise<ApiAnswer> {
  const match = route(req.method ?? '', path);
  if (match === null) throw new WidgetError('not_found');
  if (match === 'wrong_verb') throw new WidgetError('method_not_allowed');
  return match.handler(req, deps, address);
}
