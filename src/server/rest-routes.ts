/**
 * The API over HTTP: the seed's REST paths and `POST /api/rpc/:method` (what the renderer uses),
 * all answered by the one handler table, so both transports validate and behave alike.
 */
import { bodyLimitOf } from '../api/contract';
import { invoke, type Handlers } from '../api/invoke';
import { ApiError } from '../api/errors';
import { sendJson } from '../http/json';
import {
  queryObject,
  readBody,
  type HostRoute,
  type RouteContext,
  type RouteHandler,
} from './http-io';
import { texts } from '../i18n/texts';

type Verb = 'GET' | 'POST' | 'PATCH';
type Input = (context: RouteContext & { body: Record<string, unknown> }) => unknown;

async function objectBody(context: RouteContext, method: string): Promise<Record<string, unknown>> {
  const body = await readBody(context.request, bodyLimitOf(method));
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError('bad_input', texts().bodyNotObject);
  return body as Record<string, unknown>;
}

/** The routes over `handlers`. */
export function restRoutes(handlers: Handlers): HostRoute[] {
  /** A route that calls one method with the input built from the path, query and body. */
  const call = (
    verb: Verb,
    pattern: string,
    method: string,
    input: Input,
    status = 200,
  ): HostRoute => {
    const handler: RouteHandler = async (context) => {
      const body = verb === 'GET' ? {} : await objectBody(context, method);
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
        // Each method's own cap (the contract's), so only an import may send megabytes.
        const method = context.params.method!;
        const input = await readBody(context.request, bodyLimitOf(method));
        sendJson(context.response, 200, await invoke(handlers, method, input));
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
    call('GET', '/api/conversations/:id', 'conversations.get', ({ params }) => ({ id: params.id })),
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
