import type { Context } from 'hono';
import * as v from 'valibot';
import { HttpError } from './http-error.ts';

/** Validates `input`; a failure is a 400 whose message lists every problem. */
export function validate<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  where: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => {
    const path = v.getDotPath(issue);
    // valibot words a missing property as an "Invalid key"; say what a person would.
    if (path && issue.type === 'object' && issue.input === undefined) {
      return `${path}: is required`;
    }
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  throw new HttpError(400, 'invalid-request', `Invalid ${where}: ${problems.join('; ')}`);
}

/** Parses the JSON body (malformed -> 400 `malformed-json`) and validates it. */
export async function readJsonBody<S extends v.GenericSchema>(
  c: Context,
  schema: S,
): Promise<v.InferOutput<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (err) {
    // Only a parse failure is the client's fault; anything else (a dropped
    // connection, say) goes to the error handler unchanged.
    if (err instanceof SyntaxError) {
      throw new HttpError(400, 'malformed-json', 'The request body is not valid JSON.');
    }
    throw err;
  }
  return validate(schema, body, 'request body');
}
