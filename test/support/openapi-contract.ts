import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** An operation's documented answers, as the OpenAPI document has them. */
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object; example?: unknown }> }>;
}
interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

/**
 * Checks answers against the OpenAPI document the app serves: the status must be documented
 * for the operation, and a JSON body must validate against that status's schema. Returns the
 * problems found (empty when the answer keeps the contract).
 */
export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly doc: OpenApiDoc) {
    // OpenAPI 3.0 schemas: `nullable` is Ajv's own option; `example` and friends are annotations.
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(this.ajv);
    this.ajv.addSchema({ components: doc.components }, 'openapi.json');
  }

  /** The operation a concrete request hits ("GET /api/tickets/T-1" → "/api/tickets/{ref}"). */
  operation(method: string, path: string): { template: string; op: Operation } | undefined {
    const bare = path.split('?')[0];
    for (const [template, ops] of Object.entries(this.doc.paths)) {
      const op = ops[method.toLowerCase()];
      if (!op) continue;
      const pattern = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      if (pattern.test(bare)) return { template, op };
    }
    return undefined;
  }

  check(method: string, path: string, status: number, contentType: string | null, text: string): string[] {
    const found = this.operation(method, path);
    if (!found) return [`${method} ${path}: not in the document`];
    const where = `${method} ${found.template} ${status}`;
    const response = found.op.responses[String(status)];
    if (!response) return [`${where}: status not documented (documented: ${Object.keys(found.op.responses).join(', ')})`];
    if (!text) return response.content ? [`${where}: empty body, but the document promises content`] : [];
    const documentedTypes = Object.keys(response.content ?? {});
    const type = (contentType ?? '').split(';')[0].trim();
    if (!documentedTypes.includes(type)) return [`${where}: answered ${type}, documented ${documentedTypes.join(', ') || 'no content'}`];
    const schema = response.content![type].schema;
    if (type !== 'application/json' || !schema) return [];
    const validate = this.validator(schema);
    if (validate(JSON.parse(text))) return [];
    return [`${where}: ${this.ajv.errorsText(validate.errors, { separator: '; ' })} in ${text.slice(0, 300)}`];
  }

  /** Every example the document gives for a JSON response, checked against its schema. */
  checkExamples(): string[] {
    const problems: string[] = [];
    for (const [template, ops] of Object.entries(this.doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, response] of Object.entries(op.responses)) {
          const json = response.content?.['application/json'];
          if (!json?.schema || json.example === undefined) continue;
          const validate = this.validator(json.schema);
          if (!validate(json.example)) problems.push(`${method.toUpperCase()} ${template} ${status} example: ${this.ajv.errorsText(validate.errors)}`);
        }
      }
    }
    return problems;
  }

  /** One validator a schema, however many operations answer with it (most refer to a shared component). */
  private validator(schema: object): ValidateFunction {
    const key = JSON.stringify(schema);
    let v = this.validators.get(key);
    if (!v) {
      // Refs in the document point at #/components/…: resolve them against the stored components.
      v = this.ajv.compile(JSON.parse(key.replace(/"#\/components\//g, '"openapi.json#/components/')));
      this.validators.set(key, v);
    }
    return v;
  }
}
