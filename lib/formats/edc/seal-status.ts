/**
 * Revocation status of the sealer's certificate at the decision time (the signing time a trusted
 * time-stamp proves, else now), the way EU DSS establishes it: the revocation values the seal
 * carries (ETSI TS 119 182-1 §5.3.5.2 rVals; XAdES RevocationValues) when they cover that time,
 * otherwise a fresh answer asked online from the certificate's OCSP responder, then its CRL
 * distribution point (lib/x509/revocation-online.ts).
 *
 * Outcomes: a listed revocation at or before the decision time fails the seal (`revoked`); a
 * covering "not revoked" answer passes; without one the check is a warning that does NOT lower
 * the verdict (WARN_EDC_REVOCATION_UNCONFIRMED): "not confirmed" is a caveat on the seal, not a
 * statement that the issuer is untrusted.
 */
import type { Check } from '../../model/report';
import type { CertInfo } from '../../x509/cert';
import { crlStatus } from '../../x509/crl';
import { ocspStatus } from '../../x509/ocsp';
import {
  covers,
  MAX_CRL_BYTES,
  onlineStatus,
  speaksFor,
  type Attempt,
  type AttemptOutcome,
  type OnlineDeps,
  type OnlineResult,
  type StatusAnswer,
} from '../../x509/revocation-online';
import { check, humanDate, isoSeconds } from './util';

const ID = 'status.revocation';

/** What the check judges. */
export interface SealerRevocationInput {
  /** Embedded OCSP responses (DER). */
  ocsps: readonly Uint8Array[];
  /** Embedded CRLs (DER). */
  crls?: readonly Uint8Array[];
  leaf: CertInfo;
  /** The certificate that issued `leaf` (undefined when the path did not reach one). */
  issuer: CertInfo | undefined;
  /** The decision time. */
  at: Date;
  /** True when `at` is a signing time proven by a trusted time-stamp. */
  timeProven?: boolean;
}

/** The embedded answer relied on: a listed revocation first, else the newest. */
async function embeddedAnswer(
  ocsps: readonly Uint8Array[],
  crls: readonly Uint8Array[],
  leaf: CertInfo,
  issuer: CertInfo,
): Promise<StatusAnswer | undefined> {
  const o = await ocspStatus(ocsps, leaf, issuer);
  const c = await crlStatus(crls, leaf, issuer);
  const fromOcsp: StatusAnswer | undefined = o && {
    via: 'OCSP',
    status: o.status,
    thisUpdate: o.thisUpdate,
    producedAt: o.producedAt,
    ...(o.nextUpdate ? { nextUpdate: o.nextUpdate } : {}),
    ...(o.revokedAt ? { revokedAt: o.revokedAt } : {}),
    ...(o.responder ? { responder: o.responder } : {}),
    ...(o.archiveCutoff ? { keptExpiredFrom: o.archiveCutoff } : {}),
  };
  const fromCrl: StatusAnswer | undefined = c && {
    via: 'CRL',
    status: c.status,
    thisUpdate: c.thisUpdate,
    ...(c.nextUpdate ? { nextUpdate: c.nextUpdate } : {}),
    ...(c.revokedAt ? { revokedAt: c.revokedAt } : {}),
    ...(c.expiredCertsFrom ? { keptExpiredFrom: c.expiredCertsFrom } : {}),
  };
  if (fromCrl?.status === 'revoked') return fromCrl;
  if (fromOcsp?.status === 'revoked') return fromOcsp;
  if (fromOcsp && fromCrl) return fromCrl.thisUpdate > fromOcsp.thisUpdate ? fromCrl : fromOcsp;
  return fromOcsp ?? fromCrl;
}

/** "23 November 2026, 10:15 UTC". */
function humanDateTime(d: Date): string {
  return `${humanDate(d)}, ${d.toISOString().slice(11, 16)} UTC`;
}

function describe(a: StatusAnswer): string {
  return `${a.via}: ${a.status}, thisUpdate ${isoSeconds(a.thisUpdate)}${a.nextUpdate ? `, nextUpdate ${isoSeconds(a.nextUpdate)}` : ''}${a.producedAt ? `, produced ${isoSeconds(a.producedAt)}` : ''}${a.revokedAt ? `, revoked ${isoSeconds(a.revokedAt)}` : ''}${a.responder ? `, signed by ${a.responder}` : ''}`;
}

/**
 * The check a verified answer decides, or undefined when it does not cover the decision time
 * (stale, unknown, or a "good" given after the certificate expired by a source that drops
 * expired certificates).
 */
function decide(
  a: StatusAnswer,
  input: SealerRevocationInput,
  source: { online?: { url: string; cached: boolean } },
  detail: string,
): Check | undefined {
  const { at, leaf } = input;
  if (a.status === 'revoked') {
    if (!a.revokedAt || a.revokedAt <= at)
      return check.failed(
        ID,
        'ERR_EDC_CERT_REVOKED',
        'revoked',
        `The certificate used for this seal was revoked${a.revokedAt ? ` on ${humanDate(a.revokedAt)}` : ''}.`,
        detail,
      );
    return check.warning(
      ID,
      'WARN_EDC_CERT_REVOKED_LATER',
      input.timeProven
        ? `The certificate used for this seal was revoked on ${humanDate(a.revokedAt)}, after this credential was sealed (a trusted time-stamp proves the seal is older).`
        : `The certificate used for this seal was revoked on ${humanDate(a.revokedAt)}, after the time this check is made for (${humanDate(at)}).`,
      detail,
    );
  }
  if (a.status !== 'good' || !speaksFor(a, leaf) || !covers(a, at)) return undefined;
  const who = a.responder ?? 'The certificate authority';
  if (!source.online)
    return check.passed(
      ID,
      'OK_EDC_CERT_NOT_REVOKED',
      a.via === 'CRL'
        ? `The certificate authority's revocation list of ${humanDate(a.thisUpdate)}, carried in the seal, shows the sealing certificate was not revoked.`
        : `${who} confirmed the sealing certificate was not revoked (answer of ${humanDate(a.thisUpdate)}, carried in the seal).`,
      detail,
    );
  const reused = source.online.cached ? ' (answer reused from an earlier check)' : '';
  return check.passed(
    ID,
    'OK_EDC_CERT_NOT_REVOKED',
    a.via === 'CRL'
      ? `The revocation list of ${who}, published ${humanDateTime(a.thisUpdate)}, shows the sealing certificate has not been revoked${reused}.`
      : `${who}, the certificate authority's status service, confirmed on ${humanDateTime(a.thisUpdate)} that the sealing certificate has not been revoked${reused}.`,
    detail,
  );
}

/** Why the embedded answer did not settle it, in plain words (undefined: the seal carries none). */
function embeddedWhy(a: StatusAnswer | undefined, leaf: CertInfo): string | undefined {
  if (!a) return undefined;
  if (a.status === 'unknown')
    return 'the answer the seal carries says the certificate is unknown to its authority';
  if (a.status === 'good' && !speaksFor(a, leaf))
    return `the answer the seal carries was given after the certificate expired on ${humanDate(leaf.notAfter)}`;
  return `the answer the seal carries dates from ${humanDate(a.thisUpdate)}`;
}

const OUTCOME_WORDS: Record<AttemptOutcome, string> = {
  unreachable: "the certificate authority's revocation service could not be reached",
  'too-large': `its revocation list is larger than ${MAX_CRL_BYTES / (1024 * 1024)} MB, more than CredLens reads`,
  unsigned: 'the answer received was not signed by the certificate authority',
  malformed: 'the answer received could not be read',
  scope: 'the revocation list received does not cover this certificate',
  'no-answer': 'the answer received does not concern this certificate',
  refused: 'the revocation service declined to answer',
  unknown: 'the revocation service does not know this certificate',
  stale: 'the answer received is out of date',
  expired: 'the certificate has expired and the answer received no longer covers it',
};

function onlineWhy(r: OnlineResult): string {
  if (r.urls.ocsp.length === 0 && r.urls.crl.length === 0)
    return 'the certificate names no revocation service CredLens can ask';
  const words: string[] = [];
  for (const a of r.attempts) {
    const w = OUTCOME_WORDS[a.outcome];
    if (!words.includes(w)) words.push(w);
  }
  return words.join('; ') || 'no usable answer was received';
}

function attemptLine(a: Attempt): string {
  return `${a.via} ${a.url}: ${a.outcome} (${a.detail})`;
}

function unconfirmed(why: string, detail: string): Check {
  return check.warning(
    ID,
    'WARN_EDC_REVOCATION_UNCONFIRMED',
    `CredLens could not confirm now that the sealing certificate has not been revoked: ${why}.`,
    detail,
  );
}

/**
 * The `status.revocation` check of a seal. `online` (the verification's fetcher, clock, contacted
 * list and cache) lets it ask for a fresh answer when the seal's own do not cover the decision
 * time; without it only the embedded answers are read. Never throws for bad input.
 */
export async function checkSealerRevocation(
  input: SealerRevocationInput,
  online?: OnlineDeps,
): Promise<Check> {
  const { ocsps, leaf, issuer, at } = input;
  const crls = input.crls ?? [];
  const when = `Decision time ${isoSeconds(at)}${input.timeProven ? ' (trusted time-stamp)' : ''}${online ? `; now ${isoSeconds(online.now)}` : ''}.`;
  if (!issuer)
    return unconfirmed(
      'the authority that issued it is not known, so there is no one to ask',
      `${when} The certification path did not reach the issuer of ${leaf.subject}; ${ocsps.length} embedded OCSP response(s) and ${crls.length} CRL(s) cannot be checked without it.`,
    );
  const embedded = await embeddedAnswer(ocsps, crls, leaf, issuer);
  const embeddedLine = embedded
    ? `Embedded ${describe(embedded)}.`
    : `Embedded: ${ocsps.length} OCSP response(s) and ${crls.length} CRL(s); none signed by the issuer (or a delegated responder) for serial ${leaf.serialHex}.`;
  const settled = embedded && decide(embedded, input, {}, `${embeddedLine} ${when}`);
  if (settled) return settled;
  const fromSeal = embeddedWhy(embedded, leaf);
  if (!online)
    return unconfirmed(
      `${fromSeal ?? 'the seal carries no usable revocation answer'}, and no online check was made`,
      `${embeddedLine} ${when} Online checks were not made.`,
    );
  const result = await onlineStatus(leaf, issuer, online);
  const tried = result.attempts.map(attemptLine);
  const names = `Certificate names: OCSP [${result.urls.ocsp.join(', ')}], CRL [${result.urls.crl.join(', ')}].`;
  if (result.answer) {
    const a = result.answer;
    const line = `Online ${describe(a)} from ${a.url}${a.cached ? ' (cached answer)' : ''}.`;
    const decided = decide(
      a,
      input,
      { online: { url: a.url, cached: a.cached } },
      [line, embeddedLine, when, ...(tried.length ? [`Also tried: ${tried.join('; ')}.`] : [])].join('\n'),
    );
    if (decided) return decided;
    result.attempts.push({
      via: a.via,
      url: a.url,
      outcome: 'stale',
      detail: `does not cover the decision time: ${describe(a)}`,
    });
    tried.push(attemptLine(result.attempts[result.attempts.length - 1]!));
  }
  const why = [fromSeal, onlineWhy(result)].filter((w) => w !== undefined).join(', and ');
  return unconfirmed(
    why,
    [embeddedLine, names, ...(tried.length ? [`Tried: ${tried.join('; ')}.`] : []), when].join('\n'),
  );
}
