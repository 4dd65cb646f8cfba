import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type ApiDocument,
  apiDocsStylesheet,
  docsPath,
  renderApiDocsIndex,
  renderApiDocsTag,
} from './api-docs.ts';
import { send } from './error-handler.ts';

/**
 * `/api/docs`: the API description to read, an overview and a page per module. Public like
 * `/api/openapi.json`, since it shows nothing the JSON does not; left out of the description itself.
 */
export function apiDocsRoutes(describe: () => ApiDocument): FastifyPluginAsyncZod {
  return async (app) => {
    // Rendered once each: the description does not change while Passend runs. Only pages that exist
    // are kept, so made-up module names cannot fill the memory.
    const pages = new Map<string, string>();
    const pageOf = (key: string, render: (document: ApiDocument) => string | null) => {
      const html = pages.get(key) ?? render(describe());
      if (html) pages.set(key, html);
      return html;
    };
    const docs = { config: { action: 'system.health' as const }, schema: { hide: true } };
    app.get(docsPath, docs, (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(pageOf('', (document) => renderApiDocsIndex(document, '/api/openapi.json'))),
    );
    app.get(`${docsPath}/docs.css`, docs, (_request, reply) =>
      reply.type('text/css; charset=utf-8').send(apiDocsStylesheet),
    );
    app.get(
      `${docsPath}/:tag`,
      { ...docs, schema: { ...docs.schema, params: z.strictObject({ tag: z.string().max(100) }) } },
      (request, reply) => {
        const html = pageOf(`tag:${request.params.tag}`, (document) =>
          renderApiDocsTag(document, request.params.tag),
        );
        if (!html) return send(request, reply, 404, 'not_found');
        return reply.type('text/html; charset=utf-8').send(html);
      },
    );
  };
}
