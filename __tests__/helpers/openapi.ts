/**
 * Checks requests and responses of the loopback GitHub fakes against GitHub's
 * published OpenAPI description. __tests__/fixtures/github/openapi-history-operations.json
 * holds only the operations the history uses, extracted (descriptions and examples
 * dropped, $refs resolved) from `generated/api.github.com.deref.json` of npm
 * @octokit/openapi 23.0.2, which is GitHub's description from github/rest-api-description
 * as Octokit republishes it. The validator covers the JSON Schema that those operations
 * use: type, nullable, properties, required, enum, items, oneOf (read as anyOf, see below), minLength, maxLength.
 */
import { readFileSync } from 'node:fs';

type Schema = Record<string, unknown>;

interface Operation {
  operationId: string;
  method: string;
  path: string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: Schema;
  responses: Record<string, Schema | null>;
}

const spec = JSON.parse(readFileSync(new URL('../fixtures/github/openapi-history-operations.json', import.meta.url), 'utf8')) as {
  operations: Record<string, Operation>;
};

export function operation(id: string): Operation {
  const op = spec.operations[id];
  if (op === undefined) throw new Error(`no operation ${id} in the extracted OpenAPI description`);
  return op;
}

/** Problems of `value` against `schema`, as paths and reasons; empty when it conforms. */
export function problems(schema: Schema, value: unknown, at = '$'): string[] {
  if (value === null) return schema.nullable === true || schema.type === undefined ? [] : [`${at}: null is not allowed`];
  if (Array.isArray(schema.oneOf)) {
    // Read as anyOf: GitHub's description offers overlapping alternatives (the 409 body of a contents PUT is
    // one of two objects with no required field, so every object matches both).
    const fits = (schema.oneOf as Schema[]).some((s) => problems(s, value, at).length === 0);
    return fits ? [] : [`${at}: matches none of the oneOf schemas`];
  }
  const type = schema.type;
  const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (type !== undefined && type !== actual && !(type === 'number' && actual === 'integer'))
    return [`${at}: ${actual}, not ${JSON.stringify(type)}`];
  const out: string[] = [];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    out.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) out.push(`${at}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) out.push(`${at}: longer than ${schema.maxLength}`);
  }
  if (Array.isArray(value) && schema.items !== undefined)
    value.forEach((v, i) => out.push(...problems(schema.items as Schema, v, `${at}[${i}]`)));
  if (actual === 'object' && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in record)) out.push(`${at}.${key}: required`);
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [key, v] of Object.entries(record)) if (props[key] !== undefined) out.push(...problems(props[key], v, `${at}.${key}`));
  }
  return out;
}
