/** Helpers shared by the VC / OB 3.0 / CLR 2.0 modules (check builders are the OB 2.0 module's, so all formats fill checks alike). */
export { check, blocks, isHttpUrl } from '../ob2/util';
export { asArray, errorText, idOf, isObj, parseJson, type Json } from '../../did/json';

/** A string value, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Type names of a node (`type`, string or array). */
export function typesOf(node: unknown): string[] {
  if (node === null || typeof node !== 'object') return [];
  const t = (node as Record<string, unknown>).type;
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}
