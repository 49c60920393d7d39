import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

/**
 * The official Compose Specification JSON schema (compose-spec/compose-spec,
 * schema/compose-spec.json, Apache-2.0), as shipped by the maintained `dclint`
 * package (MIT) in its `schemas/compose.schema.json`. Read from the package,
 * not vendored, so upgrading dclint upgrades the schema.
 */
export function composeSchemaPath(): string {
  return join(dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
}

let cached: ValidateFunction | undefined;

/** A validator for one compose file (base or overlay) or a merged model. */
export function composeValidator(): ValidateFunction {
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(composeSchemaPath(), 'utf8')) as Record<string, unknown>;
  // Draft-07 is Ajv's default; the file names it by an https URL Ajv does not know.
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  cached = ajv.compile(schema);
  return cached;
}

export function formatErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('\n');
}
