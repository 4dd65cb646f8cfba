import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { processingRegisterSchema } from '../../../contracts/processing-register.ts';
import { contentDisposition } from '../../platform/http/downloads.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { getProcessingRegister } from './processing-register.service.ts';

/** HTTP routes of the processing register (issue 15, point 5): the page's data and its PDF. */
export function processingRegisterRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { action: 'processing_register.read' as const };
    app.get(
      '/api/processing-register',
      {
        config,
        schema: {
          summary: 'The processing register (GDPR art. 30)',
          response: { 200: processingRegisterSchema },
        },
      },
      (request) => request.useCase((context) => getProcessingRegister(context)),
    );
    app.get(
      '/api/processing-register/pdf',
      {
        config,
        schema: { summary: 'Download the processing register as PDF', produces: ['application/pdf'] },
      },
      async (request, reply) => {
        const { register, locale, generatedAt } = await request.useCase(async (context) => ({
          register: await getProcessingRegister(context),
          locale: context.locale,
          generatedAt: context.clock.now(),
        }));
        // Loaded on first use: pdfmake and its fonts are large and most processes never print.
        const { renderRegisterPdf } = await import('./processing-register.pdf.ts');
        const pdf = await renderRegisterPdf(
          register,
          (key: string, params?: Record<string, unknown>) => translate(locale, key, params),
          { locale, generatedAt },
        );
        return reply
          .type('application/pdf')
          .header('content-disposition', contentDisposition('verwerkingsregister.pdf'))
          .send(pdf);
      },
    );
  };
}
