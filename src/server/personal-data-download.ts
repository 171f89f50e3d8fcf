/**
 * "Export this customer's data" in a browser: `GET /api/customers/:id/export.zip`, the person's
 * zip (src/privacy) as an attachment. Whoever holds host mode's token can already read every
 * conversation; this hands them one person's all at once, so it is behind the same token and
 * Host/Origin checks as the rest, logged as `host`, and never kept by a browser or a proxy.
 */
import { contract } from '../api/contract';
import { parseInput } from '../api/invoke';
import type { Core } from '../core';
import type { RouteHandler } from './http-io';

/** The route handler of `GET /api/customers/:id/export.zip`. */
export function personalDataDownload(core: Core): RouteHandler {
  return async ({ params, response }) => {
    const { id } = parseInput(contract['customers.get'].input, { id: params.id });
    const chunks: Uint8Array[] = [];
    // Built whole before the answer starts: a customer not found is a clean 404, not half a file.
    const name = core.privacy.exportZip(id, 'host', (chunk) => chunks.push(chunk));
    const body = Buffer.concat(chunks);
    response.writeHead(200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Content-Length': String(body.byteLength),
      'Cache-Control': 'no-store',
    });
    response.end(body);
  };
}
