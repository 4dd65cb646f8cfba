/**
 * The API description as a page to read (`/api/docs`): written on the server from the same OpenAPI
 * document as `/api/openapi.json`, as plain HTML with one stylesheet of its own, so it needs no script,
 * no CDN and nothing the app's Content-Security-Policy forbids. In English, like the description.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
};

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Content = Record<string, { schema?: Schema }>;
type Response = { $ref?: string; description?: string; content?: Content };
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Content };
  responses?: Record<string, Response>;
};

/** The parts of an OpenAPI 3 document the page shows. */
export type ApiDocument = {
  info?: { title?: string; version?: string; description?: string };
  tags?: Array<{ name: string; description?: string }>;
  paths?: Record<string, Record<string, Operation>>;
  components?: {
    schemas?: Record<string, Schema>;
    responses?: Record<string, Response>;
    securitySchemes?: Record<string, { type?: string; in?: string; name?: string; description?: string }>;
  };
};

const methods = ['get', 'post', 'put', 'patch', 'delete'];

// Nesting deeper than this is shown as "…": the contracts are flat, this only guards against a cycle.
const deepest = 8;

function escapeHtml(text: unknown): string {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Inline code in a description (`like this`) as <code>; everything else escaped. */
function prose(text: string | undefined): string {
  return escapeHtml(text ?? '').replace(/`([^`]+)`/g, '<code>$1</code>');
}

function anchorOf(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-');
}

type Listed = { method: string; path: string; operation: Operation };

/** The operations by tag, in the order of the document's tags (an untagged one last, under "other"). */
function operationsByTag(
  document: ApiDocument,
): Array<{ name: string; description: string; operations: Listed[] }> {
  const byTag = new Map<string, Listed[]>();
  for (const [path, operations] of Object.entries(document.paths ?? {}))
    for (const method of methods) {
      const operation = operations[method];
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, operation }]);
    }
  const named = (document.tags ?? []).map((tag) => ({ name: tag.name, description: tag.description ?? '' }));
  const unnamed = [...byTag.keys()]
    .filter((name) => !named.some((tag) => tag.name === name))
    .map((name) => ({ name, description: '' }));
  return [...named, ...unnamed]
    .filter((tag) => byTag.has(tag.name))
    .map((tag) => ({ ...tag, operations: byTag.get(tag.name) ?? [] }));
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${docsPath}/docs.css">
</head>
<body>
${body}
</body>
</html>
`;
}

/** Where the pages live: the overview, and one page per tag below it. */
export const docsPath = '/api/docs';

/**
 * The overview: how sessions, CSRF and errors work, and every module with its operations (method,
 * path, summary), each linking to the module's page.
 */
export function renderApiDocsIndex(document: ApiDocument, descriptionUrl: string): string {
  const title = document.info?.title ?? 'API';
  const render = new SchemaRenderer(document);
  const tags = operationsByTag(document);
  const modules = tags
    .map((tag) => {
      const operations = tag.operations
        .map(
          ({ method, path, operation }) =>
            `<li><a href="${docsPath}/${encodeURIComponent(tag.name)}#${anchorOf(operation.operationId ?? '')}"><span class="method method-${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></a> ${prose(operation.summary)}</li>`,
        )
        .join('');
      return `<section aria-labelledby="tag-${anchorOf(tag.name)}"><h3 id="tag-${anchorOf(tag.name)}"><a href="${docsPath}/${encodeURIComponent(tag.name)}">${escapeHtml(tag.name)}</a></h3><p>${prose(tag.description)}</p><ul class="operations">${operations}</ul></section>`;
    })
    .join('');
  const schemes = Object.entries(document.components?.securitySchemes ?? {})
    .map(
      ([name, scheme]) =>
        `<dt id="security-${anchorOf(name)}">${escapeHtml(name)}: ${escapeHtml(scheme.in ?? '')} <code>${escapeHtml(scheme.name ?? '')}</code></dt><dd>${prose(scheme.description)}</dd>`,
    )
    .join('');
  const errors = Object.entries(document.components?.responses ?? {})
    .map(
      ([name, response]) =>
        `<dt id="response-${anchorOf(name)}">${escapeHtml(name)}</dt><dd>${prose(response.description)}</dd>`,
    )
    .join('');
  const errorShape = document.components?.schemas?.ErrorResponse;
  return page(
    `${title} – documentation`,
    `<header><h1>${escapeHtml(title)} <span class="version">${escapeHtml(document.info?.version ?? '')}</span></h1>
<p>${prose(document.info?.description)}</p>
<p>The same description as OpenAPI 3 (JSON): <a href="${escapeHtml(descriptionUrl)}">${escapeHtml(descriptionUrl)}</a>.</p></header>
<main>
<section aria-labelledby="security"><h2 id="security">Sessions and CSRF</h2><dl>${schemes}</dl></section>
<section aria-labelledby="errors"><h2 id="errors">Errors</h2><p>Every error answer has this shape:</p>${errorShape ? render.schema(errorShape) : ''}<dl>${errors}</dl></section>
<section aria-labelledby="modules"><h2 id="modules">Modules</h2>${modules}</section>
</main>`,
  );
}

/** One module's page: each operation with its parameters, request body and answers; null for an unknown tag. */
export function renderApiDocsTag(document: ApiDocument, tagName: string): string | null {
  const tag = operationsByTag(document).find((candidate) => candidate.name === tagName);
  if (!tag) return null;
  const title = document.info?.title ?? 'API';
  const render = new SchemaRenderer(document);
  const operations = tag.operations
    .map(({ method, path, operation }) => renderOperation(method, path, operation, render))
    .join('');
  return page(
    `${tag.name} – ${title} – documentation`,
    `<header><p><a href="${docsPath}">${escapeHtml(title)}</a></p><h1>${escapeHtml(tag.name)}</h1><p>${prose(tag.description)}</p></header>
<main>${operations}</main>`,
  );
}

function renderOperation(method: string, path: string, operation: Operation, render: SchemaRenderer): string {
  const id = anchorOf(operation.operationId ?? `${method}-${path}`);
  const needs = (operation.security ?? [])
    .map((requirement) =>
      Object.keys(requirement)
        .map((name) => `<a href="${docsPath}#security-${anchorOf(name)}">${escapeHtml(name)}</a>`)
        .join(' + '),
    )
    .join(' or ');
  const parameters = operation.parameters?.length
    ? `<h3>Parameters</h3><table><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">schema</th></tr></thead><tbody>${operation.parameters
        .map(
          (parameter) =>
            `<tr><td><code>${escapeHtml(parameter.name)}</code>${parameter.required ? ' <span class="required">required</span>' : ''}</td><td>${escapeHtml(parameter.in)}</td><td>${parameter.schema ? render.schema(parameter.schema) : ''}${parameter.description ? `<p>${prose(parameter.description)}</p>` : ''}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  const body = operation.requestBody?.content
    ? `<h3>Request body${operation.requestBody.required ? '' : ' (optional)'}</h3>${render.content(operation.requestBody.content)}`
    : '';
  const responses = Object.entries(operation.responses ?? {})
    .map(([status, response]) => {
      if (response.$ref) {
        const name = response.$ref.split('/').at(-1) ?? '';
        return `<dt>${escapeHtml(status)}</dt><dd><a href="${docsPath}#response-${anchorOf(name)}">${escapeHtml(name)}</a> (the error shape)</dd>`;
      }
      return `<dt>${escapeHtml(status)}</dt><dd>${prose(response.description)}${response.content ? render.content(response.content) : ''}</dd>`;
    })
    .join('');
  return `<article class="operation" aria-labelledby="${id}">
<h2 id="${id}"><span class="method method-${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h2>
<p class="summary">${prose(operation.summary)}</p>${operation.description ? `<p>${prose(operation.description)}</p>` : ''}
<p class="meta">Operation <code>${escapeHtml(operation.operationId ?? '')}</code> · ${needs ? `needs ${needs}` : 'public: no session'}</p>
${parameters}${body}<h3>Responses</h3><dl class="responses">${responses}</dl>
</article>`;
}

/** JSON Schema as nested lists: each property with its type, whether it is required, and its limits. */
class SchemaRenderer {
  constructor(private readonly document: ApiDocument) {}

  content(content: Content): string {
    return Object.entries(content)
      .map(
        ([type, { schema }]) =>
          `<p class="content-type"><code>${escapeHtml(type)}</code></p>${schema ? this.schema(schema) : ''}`,
      )
      .join('');
  }

  schema(schema: Schema): string {
    return `<div class="schema">${this.describe(schema, 0)}</div>`;
  }

  private resolve(schema: Schema): { schema: Schema; name: string | null } {
    if (!schema.$ref) return { schema, name: null };
    const name = schema.$ref.split('/').at(-1) ?? '';
    return { schema: this.document.components?.schemas?.[name] ?? {}, name };
  }

  private describe(raw: Schema, depth: number): string {
    const { schema, name } = this.resolve(raw);
    const label = `${name ? `<span class="ref">${escapeHtml(name)}</span> ` : ''}<span class="type">${escapeHtml(typeOf(schema))}</span>${limitsOf(schema)}${schema.description ? ` <span class="description">${prose(schema.description)}</span>` : ''}`;
    if (depth >= deepest) return `${label} …`;
    const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf;
    if (variants)
      return `${label}<ul>${variants.map((variant) => `<li>${this.describe(variant, depth + 1)}</li>`).join('')}</ul>`;
    if (schema.items) return `${label}<ul><li>${this.describe(schema.items, depth + 1)}</li></ul>`;
    if (schema.properties) {
      const required = new Set(schema.required ?? []);
      const properties = Object.entries(schema.properties)
        .map(
          ([property, inner]) =>
            `<li><code>${escapeHtml(property)}</code>${required.has(property) ? ' <span class="required">required</span>' : ''}: ${this.describe(inner, depth + 1)}</li>`,
        )
        .join('');
      return `${label}<ul>${properties}</ul>`;
    }
    return label;
  }
}

function typeOf(schema: Schema): string {
  const nullable = schema.nullable ? ' or null' : '';
  if (schema.anyOf) return `one of${nullable}`;
  if (schema.oneOf) return `exactly one of${nullable}`;
  if (schema.allOf) return `all of${nullable}`;
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any');
  if (type === 'array') return `array of${nullable}`;
  return `${type}${schema.format ? ` (${schema.format})` : ''}${nullable}`;
}

function limitsOf(schema: Schema): string {
  const limits: string[] = [];
  if (schema.enum) limits.push(`one of ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`);
  if (schema.const !== undefined) limits.push(`always ${JSON.stringify(schema.const)}`);
  if (schema.minLength !== undefined) limits.push(`at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) limits.push(`at most ${schema.maxLength} characters`);
  // JavaScript's safe-integer bounds say nothing to a reader.
  if (schema.minimum !== undefined && schema.minimum > Number.MIN_SAFE_INTEGER)
    limits.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER)
    limits.push(`≤ ${schema.maximum}`);
  if (schema.minItems !== undefined) limits.push(`at least ${schema.minItems} items`);
  if (schema.maxItems !== undefined) limits.push(`at most ${schema.maxItems} items`);
  if (schema.default !== undefined) limits.push(`default ${JSON.stringify(schema.default)}`);
  return limits.length ? ` <span class="limits">${escapeHtml(limits.join('; '))}</span>` : '';
}

/** The page's stylesheet, served beside it (the CSP allows no inline style). */
export const apiDocsStylesheet = `
body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 70rem; padding: 1rem 1.5rem 4rem; }
h1 { font-size: 1.8rem; margin-bottom: .25rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #154273; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .25rem; }
.operation h2 { font-size: 1.1rem; border: none; margin: 0 0 .25rem; } .operation h3 { font-size: .95rem; margin: .75rem 0 .25rem; }
.operations { list-style: none; padding-left: 0; } .operations li { margin: .2rem 0; }
a { color: #154273; } code { font: .9em ui-monospace, monospace; background: #f3f3f3; padding: 0 .2em; }
.version { font-size: 1rem; color: #555; font-weight: normal; }
.count, .meta, .limits, .description { color: #555; } .meta { font-size: .9rem; }
.operation { border: 1px solid #ccc; border-radius: 4px; padding: .75rem 1rem; margin: 1rem 0; }
.summary { margin: 0 0 .25rem; }
.method { display: inline-block; min-width: 4.2em; font: bold .8rem ui-monospace, monospace; color: #fff; background: #154273; padding: .15em .4em; border-radius: 3px; text-align: center; }
.method-post { background: #1f6b3a; } .method-put, .method-patch { background: #7a4b00; } .method-delete { background: #a4161a; }
.required { color: #a4161a; font-size: .85em; } .ref { font-weight: bold; } .type { font-style: italic; }
.schema ul { margin: .1rem 0; padding-left: 1.25rem; } .schema { font-size: .92rem; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
dt { font-weight: bold; } dd { margin: 0 0 .5rem 1.25rem; } .content-type { margin: .25rem 0 0; }
`;
