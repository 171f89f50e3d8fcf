/**
 * The API over HTTP: the seed's REST paths and `POST /api/rpc/:method` (what the renderer uses),
 * all answered by the one handler table, so both transports validate and behave alike.
 */
import { invoke, type Handlers } from '../api/handlers';
import { ApiError } from '../api/errors';
import { queryObject, readJson, sendJson } from './http-io';
import type { Route, RouteContext, RouteHandler, Verb } from './router';
import { texts } from '../i18n/texts';

/** `customers.importCsv` takes a whole sheet (up to 200 MB of text) in one call. */
const RPC_BODY_LIMIT = 256 * 1024 * 1024;
const REST_BODY_LIMIT = 1024 * 1024;

type Input = (context: RouteContext & { body: Record<string, unknown> }) => unknown;

async function objectBody(context: RouteContext, limit: number): Promise<Record<string, unknown>> {
  const body = await readJson(context.request, limit);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError('bad_input', texts().bodyNotObject);
  return body as Record<string, unknown>;
}

/** The routes over `handlers`. */
export function restRoutes(handlers: Handlers): Route[] {
  /** A route that calls one method with the input built from the path, query and body. */
  const call = (verb: Verb, pattern: string, method: string, input: Input, status = 200): Route => {
    const handler: RouteHandler = async (context) => {
      const body = verb === 'GET' ? {} : await objectBody(context, REST_BODY_LIMIT);
      sendJson(
        context.response,
        status,
        await invoke(handlers, method, input({ ...context, body })),
      );
    };
    return [verb, pattern, handler];
  };
  const query: Input = ({ url }) => queryObject(url);
  const body: Input = ({ body }) => body;

  return [
    [
      'POST',
      '/api/rpc/:method',
      async (context) => {
        const input = await readJson(context.request, RPC_BODY_LIMIT);
        sendJson(context.response, 200, await invoke(handlers, context.params.method!, input));
      },
    ],
    call('GET', '/api/customers', 'customers.list', query),
    call('GET', '/api/customers/stats', 'customers.stats', () => ({})),
    call('GET', '/api/customers/:id', 'customers.get', ({ params }) => ({ id: params.id })),
    call('PATCH', '/api/customers/:id', 'customers.update', ({ params, body }) => ({
      ...body,
      id: params.id,
    })),
    call('GET', '/api/conversations', 'conversations.list', query),
    call('POST', '/api/conversations', 'conversations.start', body, 201),
    call('GET', '/api/conversations/:id/messages', 'conversations.messages', ({ params, url }) => ({
      ...queryObject(url),
      conversationId: params.id,
    })),
    call(
      'POST',
      '/api/conversations/:id/messages',
      'conversations.send',
      ({ params, body }) => ({ text: body.text, conversationId: params.id }),
      201,
    ),
  ];
}
