import type { IncomingMessage } from 'node:http';

/** Deeper than any body of ours (the deepest DTO nests three levels); deep enough bodies overflow the validators' recursion. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests objects or arrays deeper than `max`, read as text before it is
 * parsed (so no recursion of ours or of a library ever meets it). Brackets inside strings
 * do not count; malformed text is left to the parser to refuse.
 */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** An error body-parser passes on with its status: the exception filter answers 400 naming the body. */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
  constructor(max: number) {
    super(`body must not nest objects or arrays deeper than ${max} levels`);
  }
}

/**
 * The JSON body parser's `verify` hook: the raw bytes, in the request's charset, are checked
 * before parsing, and kept as `req.rawBody` (a signed survey delivery is verified over them).
 */
export function refuseDeepJson(max = MAX_JSON_DEPTH) {
  return (req: IncomingMessage & { rawBody?: Buffer }, _res: unknown, buf: Buffer, encoding: string | null): void => {
    req.rawBody = buf;
    let text: string;
    try {
      text = new TextDecoder(encoding ?? 'utf-8').decode(buf);
    } catch {
      // A charset TextDecoder does not know: brackets are ASCII in every charset body-parser accepts for JSON.
      text = buf.toString('latin1');
    }
    if (jsonTooDeep(text, max)) throw new JsonTooDeepError(max);
  };
}
