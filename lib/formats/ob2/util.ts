/** Small JSON helpers shared by the Open Badges 2.0 / 1.x modules. */
import { asArray, isObj, type Json } from '../../did/json';
import type { Check, Verdict } from '../../model/report';

export { asArray, isObj, type Json };

/** A string value, also unwrapping a JSON-LD value object `{ "@value": "..." }`. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObj(value) && typeof value['@value'] === 'string') return value['@value'];
  return undefined;
}

/** The id of a reference: the string itself or the `id` of an embedded object. */
export function refId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObj(value)) return str(value.id);
  return undefined;
}

/** Type names of a node (compacted `type`), as strings. */
export function types(node: Json): string[] {
  return asArray(node.type).filter((t): t is string => typeof t === 'string');
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: string | undefined): boolean {
  if (!value) return false;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The authority (host[:port]) of a URL, as rfc3986 gives it; undefined when not a URL. */
export function authority(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).host || undefined;
  } catch {
    return undefined;
  }
}

/** Shortens long values for messages (data URIs, hashes). */
export function abbreviate(value: string, max = 120): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** Parses ISO-8601 date-times (and OB 1.0 unix timestamps / dates); undefined when unparseable. */
export function parseDate(value: unknown): Date | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000);
  const s = str(value);
  if (!s) return undefined;
  if (/^\d{9,10}$/.test(s)) return new Date(Number(s) * 1000);
  if (!/^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/.test(s))
    return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Text of an unknown error. */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Builders for checks, so every module fills the same fields the same way. */
export const check = {
  passed(id: string, code: string, message: string, detail?: string): Check {
    return detail === undefined
      ? { id, status: 'passed', code, message }
      : { id, status: 'passed', code, message, detail };
  },
  failed(id: string, code: string, impact: Verdict, message: string, detail?: string): Check {
    const c: Check = { id, status: 'failed', code, message, impact };
    if (detail !== undefined) c.detail = detail;
    return c;
  },
  error(id: string, code: string, impact: Verdict, message: string, detail?: string): Check {
    const c: Check = { id, status: 'error', code, message, impact };
    if (detail !== undefined) c.detail = detail;
    return c;
  },
  warning(id: string, code: string, message: string, detail?: string): Check {
    const c: Check = { id, status: 'warning', code, message };
    if (detail !== undefined) c.detail = detail;
    return c;
  },
  skipped(id: string, message: string, blockedBy?: string): Check {
    const c: Check = {
      id,
      status: 'skipped',
      code: blockedBy ? 'SKIP_BLOCKED' : 'SKIP_NOT_APPLICABLE',
      message,
    };
    if (blockedBy !== undefined) c.blockedBy = blockedBy;
    return c;
  },
};

/** True when a check blocks the checks that depend on it. */
export function blocks(c: Check | undefined): boolean {
  return !!c && (c.status === 'failed' || c.status === 'error' || c.status === 'skipped');
}
