/**
 * The older European Digital Credential format: EDCI XML (ELM v2, schema 0.10), a
 * verifiablePresentation / europassCredential sealed with an enveloped XAdES signature (ETSI EN
 * 319 132-1). The seal is verified with xmldsigjs (xades.ts); the sealer's certificate then goes
 * through the same chain / time / revocation / EU trusted-list assessment as JAdES EDCs
 * (../edc/seal.ts). Parsing is safe (@xmldom/xmldom, no DTD). `verify` never throws.
 */
import type { Document, Element } from '@xmldom/xmldom';
import type { Acquired, FormatHandler, FormatResult, VerifyContext } from '../../model/format';
import type {
  AuthenticityLevel,
  Check,
  CredentialSummary,
  FormatInfo,
  IssuerInfo,
  LevelAssessment,
  TrustHit,
} from '../../model/report';
import { children, parseXml, path } from '../../trust/eu/xml';
import { digest, toBase64 } from '../../x509/bytes';
import { displayName, type CertInfo } from '../../x509/cert';
import { elmQaLevel } from '../edc/elements';
import { documentBlocker, validityWindow } from '../edc/result';
import { SEAL_CHECKS, assessSealer, blocked, sealer } from '../edc/seal';
import { parseAll } from '../edc/seal-chain';
import { checkTimeStampJobs, type TimeStampJob } from '../edc/seal-time';
import { check, errorText } from '../edc/util';
import { extractElmV2Elements, mlText } from './elements';
import {
  readXades,
  signatureValueBytes,
  signedContentBytes,
  verifyXadesSignature,
  type XadesSignature,
} from './xades';

const FORMAT: FormatInfo = {
  id: 'edci-xml',
  label: 'European Digital Credential (EDCI XML, ELM v2, XAdES seal)',
  container: 'xml',
};
const CRED = 'http://data.europa.eu/europass/model/credentials/w3c#';

interface Outcome {
  checks: Check[];
  level: LevelAssessment<AuthenticityLevel>;
  signer?: CertInfo;
  trustHits?: TrustHit[];
}

function credValue(c: Element, name: string): string | undefined {
  return (
    children(c, name)
      .find((e) => e.namespaceURI === CRED)
      ?.textContent?.trim() || undefined
  );
}

function validity(c: Element, now: Date, blockedBy: string | undefined): Check {
  return validityWindow(
    credValue(c, 'validFrom') ?? credValue(c, 'issued'),
    credValue(c, 'expirationDate') ?? credValue(c, 'validUntil'),
    now,
    blockedBy,
    { from: 'cred:validFrom', until: 'cred:validUntil' },
  );
}

function definition(doc: Element, id: string | null): Element | undefined {
  if (!id) return undefined;
  const all = doc.getElementsByTagName('organization');
  for (let i = 0; i < all.length; i++) {
    const o = all[i];
    if (o && o.getAttribute('id') === id && o.firstChild) return o;
  }
  return undefined;
}

function issuerOf(c: Element, signer: CertInfo | undefined, lang: string): IssuerInfo {
  const info: IssuerInfo = {};
  const ref =
    children(c, 'issuer')
      .find((e) => e.namespaceURI === CRED)
      ?.getAttribute('idref') ?? null;
  const org = definition(c, ref);
  if (ref) info.id = ref;
  const name = mlText(path(org, 'prefLabel'), lang);
  if (name) info.name = name;
  else if (signer) info.name = displayName(signer);
  const home = path(org, 'homepage')?.getAttribute('uri');
  if (home) info.url = home;
  return info;
}

function summary(c: Element, lang: string): CredentialSummary {
  const s: CredentialSummary = {};
  const title = mlText(path(c, 'title'), lang);
  if (title) s.title = title;
  const description = mlText(path(c, 'description'), lang);
  if (description) s.description = description;
  const issued = credValue(c, 'issued') ?? credValue(c, 'validFrom');
  if (issued) s.issuedOn = issued;
  const expires = credValue(c, 'expirationDate') ?? credValue(c, 'validUntil');
  if (expires) s.expires = expires;
  const id = c.getAttributeNS(CRED, 'id') || c.getAttribute('id');
  if (id) s.id = id;
  return s;
}

function result(
  acquired: Acquired,
  checks: Check[],
  credential: Element | undefined,
  o: Outcome,
  ctx: VerifyContext,
  lang: string,
): FormatResult {
  const blockedBy = documentBlocker(checks);
  const isBlocked = blockedBy !== undefined;
  const elements = credential ? extractElmV2Elements(credential, lang) : [];
  const issuer = credential ? issuerOf(credential, o.signer, lang) : {};
  const trustHits = o.trustHits ?? [];
  return {
    format: { ...FORMAT, container: acquired.container },
    checks: credential ? [...checks, validity(credential, ctx.now, blockedBy)] : checks,
    issuer,
    issuerIds: isBlocked || !issuer.id ? [] : [issuer.id],
    credential: credential ? summary(credential, lang) : {},
    elements,
    differences: [],
    authenticity: o.level,
    qualityAssurance: elmQaLevel(elements),
    ...(isBlocked || trustHits.length === 0 ? {} : { trustHits }),
  };
}

function stop(code: string, impact: 'invalid' | 'unverifiable', message: string, detail: string): Outcome {
  return {
    checks: [
      check.failed('format.recognized', code, impact, message, detail),
      ...SEAL_CHECKS.map((id) =>
        check.skipped(id, 'Not checked: the document could not be read.', 'format.recognized'),
      ),
    ],
    level: { level: 'A0', evidence: [message] },
  };
}

/** The signer: the KeyInfo certificate whose digest the signed SigningCertificate names. */
async function findSigner(
  x: XadesSignature,
): Promise<{ signer?: CertInfo; bound: boolean; all: CertInfo[] }> {
  const keyInfo = await parseAll(x.keyInfoCerts);
  for (const c of keyInfo)
    for (const d of x.certDigests)
      if (toBase64(await digest(d.hash, c.der)) === d.value) return { signer: c, bound: true, all: keyInfo };
  return keyInfo[0] ? { signer: keyInfo[0], bound: false, all: keyInfo } : { bound: false, all: keyInfo };
}

async function verifySeal(doc: Document, x: XadesSignature, ctx: VerifyContext): Promise<Outcome> {
  const checks: Check[] = [];
  const { signer, bound, all } = await findSigner(x);
  if (!signer) {
    checks.push(
      check.failed(
        'proof.signature',
        'ERR_EDCI_NO_CERT',
        'invalid',
        "The seal does not include the sealer's certificate.",
        'No readable ds:KeyInfo/ds:X509Data/ds:X509Certificate.',
      ),
    );
    return blocked(checks, 'proof.signature', 'Not checked: the seal could not be read.');
  }
  const problem = await verifyXadesSignature(doc, x, signer);
  if (problem) {
    checks.push(
      check.failed(
        'proof.signature',
        'ERR_EDC_SIGNATURE',
        'invalid',
        'The seal does not match: this credential was changed after it was sealed, or the seal is forged.',
        problem,
      ),
    );
    return blocked(checks, 'proof.signature', 'Not checked: the seal is not valid.');
  }
  checks.push(
    check.passed(
      'proof.signature',
      'OK_EDC_SIGNATURE',
      `The seal is intact: nothing has changed since ${sealer(signer)} sealed this credential.`,
      `XAdES enveloped signature (${x.signatureMethod}), whole document (XPath Filter 2.0 minus ds:Signature, exclusive c14n) and SignedProperties digests verified; signer ${signer.subject}.`,
    ),
  );
  if (!bound) {
    checks.push(
      check.failed(
        'proof.certificate',
        'ERR_EDC_CERT_BINDING',
        'invalid',
        'The seal names a different certificate than the one it carries.',
        `No KeyInfo certificate matches the signed SigningCertificate digest (${x.certDigests.map((d) => `${d.hash} ${d.value}`).join('; ')}).`,
      ),
    );
    return blocked(
      checks,
      'proof.certificate',
      'Not checked: the sealer certificate is not the one the seal names.',
    );
  }
  const digestUsed = x.certDigests[0];
  checks.push(
    check.passed(
      'proof.certificate',
      'OK_EDC_CERT_BINDING',
      'The seal is bound to the certificate it carries.',
      `Signed XAdES SigningCertificate digest ${digestUsed?.hash ?? ''} matches the KeyInfo certificate.`,
    ),
  );
  const pool = [...all, ...(await parseAll(x.certificateValues))].filter((c) => c.sha256 !== signer.sha256);
  const content = signedContentBytes(doc);
  const jobs: TimeStampJob[] = [
    ...(content
      ? x.contentTimeStamps.map((token) => ({
          kind: 'content (AllDataObjectsTimeStamp)',
          token,
          data: content,
        }))
      : []),
    ...x.signatureTimeStamps.map((token) => ({
      kind: 'signature (SignatureTimeStamp)',
      token,
      data: signatureValueBytes(x),
    })),
  ];
  const note =
    x.notEvaluated.length > 0
      ? `Unsigned properties not evaluated: ${x.notEvaluated.join(', ')}.`
      : undefined;
  const time = await checkTimeStampJobs(jobs, pool, ctx, note);
  return assessSealer(
    checks,
    {
      signer,
      pool,
      time,
      claimed: { label: 'SigningTime', value: x.signingTime },
      ocsps: x.ocsps,
      crls: x.crls,
    },
    ctx,
  );
}

/**
 * SECURITY: the whole-document reference subtracts every ds:Signature wherever it is, so nothing
 * inside one is signed; the credential content must therefore not contain the signature.
 */
function inside(node: Element, ancestor: Element): boolean {
  for (let n = node.parentNode; n; n = n.parentNode) if (n === ancestor) return true;
  return false;
}

/** True when the document has top-level processing instructions (part of what URI="" signs). */
function topLevelPis(doc: Document): boolean {
  for (let n = doc.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 7 && (n as unknown as { target?: string }).target !== 'xml') return true;
  return false;
}

async function run(
  acquired: Acquired,
  text: string,
  ctx: VerifyContext,
  lang: string,
): Promise<FormatResult> {
  const parsed = parseXml(text);
  if (!parsed.ok) {
    const doctype = /DOCTYPE|ENTITY/.test(parsed.reason);
    const o = doctype
      ? stop(
          'ERR_EDCI_XML_DOCTYPE',
          'unverifiable',
          'This XML document declares a DOCTYPE or entities, which CredLens refuses to process for safety.',
          `Refused: ${parsed.reason} (EDCI credentials never need one).`,
        )
      : stop(
          'ERR_EDCI_XML_MALFORMED',
          'unverifiable',
          'This XML document is damaged and cannot be read.',
          parsed.reason,
        );
    return result(acquired, o.checks, undefined, o, ctx, lang);
  }
  const { doc, root } = parsed;
  const credential = root.localName === 'europassCredential' ? root : children(root, 'europassCredential')[0];
  if (!credential) {
    const o = stop(
      'ERR_EDCI_NO_CREDENTIAL',
      'unverifiable',
      'This EDCI document contains no credential.',
      `The ${root.nodeName} has no europassCredential element.`,
    );
    return result(acquired, o.checks, undefined, o, ctx, lang);
  }
  const recognized = check.passed(
    'format.recognized',
    'OK_EDCI_XML',
    'Recognised as a European Digital Credential in the EDCI XML format (ELM v2).',
    `Root ${root.nodeName}; credential ${credential.getAttributeNS(CRED, 'id') ?? ''} (xsdVersion ${credential.getAttribute('xsdVersion') ?? '?'}).`,
  );
  const xades = readXades(doc);
  if (!xades.ok) {
    const checks = [
      recognized,
      check.failed('proof.signature', xades.code, xades.impact, xades.message, xades.detail),
      ...SEAL_CHECKS.slice(1).map((id) =>
        check.skipped(
          id,
          xades.code === 'ERR_EDCI_UNSIGNED'
            ? 'Not checked: there is no seal.'
            : 'Not checked: the seal could not be checked.',
          'proof.signature',
        ),
      ),
    ];
    return result(
      acquired,
      checks,
      credential,
      { checks, level: { level: 'A0', evidence: [xades.message] } },
      ctx,
      lang,
    );
  }
  const unsupportedShape = topLevelPis(doc)
    ? 'The document has processing instructions outside the root element, which the whole-document reference covers; CredLens canonicalises the root element only.'
    : inside(xades.xades.signature, credential)
      ? 'The ds:Signature sits inside the europassCredential; CredLens reads credentials whose seal is outside the credential content (vp:proof).'
      : undefined;
  if (unsupportedShape) {
    const checks = [
      recognized,
      check.failed(
        'proof.signature',
        'ERR_EDCI_XADES_UNSUPPORTED',
        'unverifiable',
        'The seal on this credential uses a signature form CredLens cannot check.',
        unsupportedShape,
      ),
      ...SEAL_CHECKS.slice(1).map((id) =>
        check.skipped(id, 'Not checked: the seal could not be checked.', 'proof.signature'),
      ),
    ];
    return result(acquired, checks, credential, { checks, level: { level: 'A0', evidence: [] } }, ctx, lang);
  }
  const seal = await verifySeal(doc, xades.xades, ctx);
  return result(acquired, [recognized, ...seal.checks], credential, seal, ctx, lang);
}

/** Creates the handler; `lang` is the preferred language for multilingual values (English fallback). */
export function createEdciXmlFormat(lang = 'en'): FormatHandler {
  return {
    claims(acquired) {
      return acquired.payload.type === 'xml';
    },
    async verify(acquired, ctx) {
      try {
        const text = acquired.payload.type === 'xml' ? acquired.payload.text : '';
        return await run(acquired, text, ctx, lang);
      } catch (error) {
        // SECURITY: a bug must surface as an error check, never as a pass or a crash.
        const checks = [
          check.error(
            'format.recognized',
            'ERR_INTERNAL',
            'unverifiable',
            'CredLens hit an internal error while checking this European Digital Credential.',
            errorText(error),
          ),
        ];
        return result(
          acquired,
          checks,
          undefined,
          { checks, level: { level: 'A0', evidence: [] } },
          ctx,
          lang,
        );
      }
    },
  };
}

/** The EDCI XML format handler with English as the preferred language. */
export const edciXmlFormat: FormatHandler = createEdciXmlFormat();
