/**
 * The European Digital Credential format module (ELM v3 JSON-LD sealed with JAdES, ETSI TS
 * 119 182-1): the seal (seal.ts), the credential's validity window and the EU standard elements.
 * Unsigned ELM v3 credentials are recognised and reported unverifiable. `verify` never throws.
 */
import type { Acquired, FormatHandler, FormatResult, VerifyContext } from '../../model/format';
import type { Check, FormatInfo } from '../../model/report';
import { isBundledContext } from '../../net/jsonld-loader';
import { jadesHeader, parseJades } from './jades-parse';
import { edcResult } from './result';
import { SEAL_CHECKS, verifySeal } from './seal';
import { asArray, check, errorText, isObj, parseJson, type Json } from './util';

const SEALED: FormatInfo = {
  id: 'edc-jades',
  label: 'European Digital Credential (ELM v3, JAdES seal)',
  container: 'json',
};
const UNSIGNED: FormatInfo = {
  id: 'edc-jades',
  label: 'European Digital Credential (ELM v3, unsigned)',
  container: 'json',
};

/** True for an ELM v3 credential object (type EuropeanDigitalCredential). */
export function isElmCredential(value: unknown): value is Json {
  return isObj(value) && asArray(value.type).includes('EuropeanDigitalCredential');
}

function contextCheck(c: Json): Check {
  const unknown = asArray(c['@context']).filter((x) => typeof x !== 'string' || !isBundledContext(x));
  return unknown.length === 0
    ? check.passed(
        'format.schema',
        'OK_EDC_CONTEXT',
        'The credential uses the published European Learning Model vocabulary.',
      )
    : check.warning(
        'format.schema',
        'WARN_EDC_CONTEXT_UNKNOWN',
        'The credential refers to vocabularies CredLens does not know; its content is shown as written.',
        `Unknown @context: ${unknown.map((x) => JSON.stringify(x)).join(', ')}`,
      );
}

function verifyUnsigned(acquired: Acquired, c: Json, ctx: VerifyContext, lang: string): FormatResult {
  const checks = [
    check.passed(
      'format.recognized',
      'OK_EDC_UNSIGNED',
      'Recognised as a European Digital Credential (ELM v3) without a seal.',
    ),
    contextCheck(c),
    check.failed(
      'proof.signature',
      'ERR_EDC_UNSIGNED',
      'unverifiable',
      'This European Digital Credential carries no electronic seal, so nothing proves who issued it or that it is unchanged.',
    ),
    ...SEAL_CHECKS.slice(1).map((id) =>
      check.skipped(id, 'Not checked: there is no seal.', 'proof.signature'),
    ),
  ];
  return edcResult(
    { ...UNSIGNED, container: acquired.container },
    checks,
    c,
    undefined,
    { level: 'A0', evidence: ['No seal.'] },
    ctx,
    lang,
  );
}

async function verifySealed(
  acquired: Acquired,
  value: Json,
  ctx: VerifyContext,
  lang: string,
): Promise<FormatResult> {
  const format = { ...SEALED, container: acquired.container };
  const parsed = parseJades(value);
  if (!parsed.ok) {
    const impact =
      parsed.code === 'ERR_EDC_JWS_CRIT' || parsed.code === 'ERR_EDC_JWS_SIGNATURES'
        ? 'unverifiable'
        : 'invalid';
    return edcResult(
      format,
      [
        check.failed('format.recognized', parsed.code, impact, parsed.message, parsed.detail),
        ...SEAL_CHECKS.map((id) =>
          check.skipped(id, 'Not checked: the seal could not be read.', 'format.recognized'),
        ),
      ],
      undefined,
      undefined,
      { level: 'A0', evidence: [parsed.message] },
      ctx,
      lang,
    );
  }
  const credential = parseJson(parsed.jades.content);
  const checks: Check[] = [
    check.passed(
      'format.recognized',
      'OK_EDC_JADES',
      'Recognised as a European Digital Credential sealed with a JAdES electronic seal.',
    ),
  ];
  if (!isElmCredential(credential))
    checks.push(
      check.failed(
        'format.schema',
        'ERR_EDC_PAYLOAD',
        'invalid',
        'The sealed content is not a European Digital Credential.',
        'The JWS payload is not JSON of type EuropeanDigitalCredential.',
      ),
    );
  else checks.push(contextCheck(credential));
  const seal = await verifySeal(parsed.jades, ctx);
  checks.push(...seal.checks);
  return edcResult(
    format,
    checks,
    isElmCredential(credential) ? credential : undefined,
    seal.signer,
    seal.level,
    ctx,
    lang,
    seal.trustHits,
  );
}

/** Creates the handler; `lang` is the preferred language for multilingual values (English fallback). */
export function createEdcFormat(lang = 'en'): FormatHandler {
  return {
    claims(acquired) {
      if (acquired.payload.type !== 'json') return false;
      const v = acquired.payload.value;
      if (isElmCredential(v)) return true;
      const header = jadesHeader(v);
      // Cheap look: a JWS JSON object with a JAdES-style header (x5c + sigT, or a payload naming EDC).
      return (
        header !== undefined &&
        (header.sigT !== undefined ||
          (isObj(v) && typeof v.payload === 'string' && v.payload.includes('EuropeanDigitalCredential')))
      );
    },
    async verify(acquired, ctx) {
      try {
        const v = acquired.payload.type === 'json' ? acquired.payload.value : undefined;
        if (isElmCredential(v)) return verifyUnsigned(acquired, v, ctx, lang);
        return await verifySealed(acquired, isObj(v) ? v : {}, ctx, lang);
      } catch (error) {
        // SECURITY: a bug must surface as an error check, never as a pass or a crash.
        return edcResult(
          { ...SEALED, container: acquired.container },
          [
            check.error(
              'format.recognized',
              'ERR_INTERNAL',
              'unverifiable',
              'CredLens hit an internal error while checking this European Digital Credential.',
              errorText(error),
            ),
          ],
          undefined,
          undefined,
          { level: 'A0', evidence: [] },
          ctx,
          lang,
        );
      }
    },
  };
}

/** The EDC format handler with English as the preferred language. */
export const edcFormat: FormatHandler = createEdcFormat();
