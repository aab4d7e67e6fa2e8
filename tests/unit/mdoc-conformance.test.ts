/**
 * ISO/IEC 18013-5 mdoc conformance: every file of /work/shared/vectors/mdoc-iso18013-5 with the
 * outcome its MANIFEST row gives, through the whole pipeline (acquire → mdoc module → trust →
 * grade). Clocks are pinned inside each sample's validity window as the MANIFEST states it; the
 * MANIFEST's trust anchors are given as CA services of a trust source. Device authentication needs
 * the session transcript, which a file does not carry: the report must say it was not checked.
 */
import { readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  VECTORS,
  caListSource,
  certDer,
  checkOf,
  env,
  hexToBytes,
  vector,
  verifyBytes,
  verifyText,
  type Report,
} from './mdoc-helpers';

const COLLECTED = new Date('2026-12-07T12:00:00Z');
const NY_DMV = VECTORS + 'auth0-lab-mdl/issuer.pem';
const PID_CA_UT02 = '/work/shared/vectors/eudi-sdjwt-vc/eudi-lib-sdjwt-swift/certs/pidissuerca02_ut.der';
const PID_CA_UT01 = '/work/shared/vectors/eudi-sdjwt-vc/eudi-srv-web-issuing-eudiw-py/PIDIssuerCAUT01.pem.gz';

const status = (r: Report, id: string) => checkOf(r, id)?.status;
const vpTokens = (file: string): string[] =>
  Object.values(JSON.parse(vector(file)) as Record<string, string[]>).flat();

/** The files of the vector directory (recursively), relative. */
function allFiles(dir = VECTORS, prefix = ''): string[] {
  return readdirSync(dir).flatMap((n) =>
    statSync(dir + n).isDirectory() ? allFiles(`${dir}${n}/`, `${prefix}${n}/`) : [`${prefix}${n}`],
  );
}

/** Signature and every digest verified, device binding reported as unchecked. */
function expectIntact(r: Report, elements: number): void {
  expect(r.format.id).toBe('mdoc');
  expect(checkOf(r, 'proof.signature')).toMatchObject({ status: 'passed', code: 'OK_SIGNATURE' });
  expect(checkOf(r, 'proof.digests')).toMatchObject({ status: 'passed', code: 'OK_MDOC_DIGESTS' });
  expect(checkOf(r, 'proof.digests')?.message).toContain(`${elements} disclosed elements`);
  expect(checkOf(r, 'mdoc.doctype')?.status).toBe('passed');
}

const ROWS: Record<string, () => Promise<void>> = {
  'auth0-lab-mdl/issuer.pem': async () => {
    // The trust anchor itself is not a credential.
    const r = await verifyText(vector('auth0-lab-mdl/issuer.pem'), env(COLLECTED));
    expect(r.format.id).not.toBe('mdoc');
    expect(checkOf(r, 'format.recognized')?.status).toBe('failed');
  },
  'auth0-lab-mdl/example1-device-response-full.hex': async () => {
    const hex = vector('auth0-lab-mdl/example1-device-response-full.hex');
    // VALID: issuerAuth, digests; trust anchor issuer.pem (MSO valid 2023-09-29..2073-09-29).
    const r = await verifyText(hex, env(COLLECTED, [await caListSource(certDer(NY_DMV), 'US')]));
    expectIntact(r, 12);
    expect(checkOf(r, 'issuer.identity')).toMatchObject({ status: 'passed', code: 'OK_ISSUER_CERT_LISTED' });
    expect(status(r, 'validity.window')).toBe('passed');
    expect(checkOf(r, 'status.revocation')?.code).toBe('OK_STATUS_NONE');
    expect(checkOf(r, 'proof.keyBinding')).toMatchObject({
      status: 'warning',
      code: 'WARN_MDOC_DEVICE_AUTH_UNCHECKED',
    });
    expect(checkOf(r, 'proof.keyBinding')?.impact).toBeUndefined();
    expect(checkOf(r, 'proof.keyBinding')?.detail).toMatch(/deviceKeyInfo: EC2 P-256/);
    expect(r.authenticity.level).toBe('A3');
    expect(r.verdict).toBe('verified');
    expect(r.credential.description).toContain('org.iso.18013.5.1/family_name');
    // The same bytes given as a file.
    const b = await verifyBytes(hexToBytes(hex), env(COLLECTED));
    expectIntact(b, 12);
    expect(b.format.container).toBe('cbor');
    // Without the anchor: integrity only (A1), with the reason.
    expect(checkOf(b, 'issuer.identity')).toMatchObject({
      status: 'warning',
      code: 'WARN_MDOC_ISSUER_UNLISTED',
    });
    expect(b.authenticity.level).toBe('A1');
    expect(b.verdict).toBe('verified-untrusted');
    expect(b.authenticity.evidence.join(' ')).toMatch(/Integrity only/);
  },
  'auth0-lab-mdl/example4-device-response.hex': async () => {
    const r = await verifyText(
      vector('auth0-lab-mdl/example4-device-response.hex'),
      env(COLLECTED, [await caListSource(certDer(NY_DMV), 'US')]),
    );
    expectIntact(r, 12);
    expect(status(r, 'validity.window')).toBe('passed');
    expect(r.authenticity.level).toBe('A3');
    expect(r.verdict).toBe('verified');
  },
  'auth0-lab-mdl/example-session-transcript.hex': async () => {
    // A SessionTranscriptBytes (tag 24) is a verification input, not an mdoc.
    const r = await verifyText(vector('auth0-lab-mdl/example-session-transcript.hex'), env(COLLECTED));
    expect(r.format.id).not.toBe('mdoc');
    expect(checkOf(r, 'format.recognized')?.status).toBe('failed');
  },
  'auth0-lab-mdl/annexd-device-response.hex': async () => {
    const hex = vector('auth0-lab-mdl/annexd-device-response.hex');
    // Inside its window (2020-10-01..2021-10-01): signature and digests VALID; no utopia IACA
    // root is available, so the issuer is not established (MANIFEST: "No valid certificate paths found").
    const inside = await verifyText(hex, env(new Date('2021-06-01T00:00:00Z')));
    expectIntact(inside, 6);
    expect(status(inside, 'validity.window')).toBe('passed');
    expect(checkOf(inside, 'issuer.identity')).toMatchObject({
      status: 'warning',
      code: 'WARN_MDOC_ISSUER_UNLISTED',
    });
    expect(checkOf(inside, 'issuer.identity')?.message).toMatch(/utopia iaca/);
    expect(inside.authenticity.level).toBe('A1');
    expect(inside.verdict).toBe('verified-untrusted');
    expect(checkOf(inside, 'proof.keyBinding')?.message).toMatch(/device MAC was not checked/);
    // At the collection date: certificate and MSO expired.
    const now = await verifyText(hex, env(COLLECTED));
    expectIntact(now, 6);
    expect(checkOf(now, 'validity.window')).toMatchObject({ status: 'failed', code: 'ERR_EXPIRED' });
    expect(checkOf(now, 'issuer.identity')).toMatchObject({
      status: 'failed',
      code: 'ERR_ISSUER_CERT_INVALID',
    });
    expect(now.verdict).toBe('expired');
  },
  'auth0-lab-mdl/annexd-session-transcript.hex': async () => {
    const r = await verifyText(vector('auth0-lab-mdl/annexd-session-transcript.hex'), env(COLLECTED));
    expect(r.format.id).not.toBe('mdoc');
  },
  'auth0-lab-mdl/annexd-ereader-private-key.hex': async () => {
    const r = await verifyText(vector('auth0-lab-mdl/annexd-ereader-private-key.hex'), env(COLLECTED));
    expect(r.format.id).not.toBe('mdoc');
    expect(checkOf(r, 'format.recognized')?.code).toBe('ERR_FORMAT_UNRECOGNIZED');
  },
  'auth0-lab-mdl/parser-eudiw-pid-device-response.hex': async () => {
    // Signature VALID, but the MSO is not tag-24 wrapped: a strict ISO verifier fails it.
    const r = await verifyText(
      vector('auth0-lab-mdl/parser-eudiw-pid-device-response.hex'),
      env(new Date('2023-09-05T00:00:00Z')),
    );
    // Not ISO-conformant (MSO not tag-24 wrapped): not checkable as the standard requires, which is
    // not proof of tampering, so unverifiable rather than invalid.
    expect(checkOf(r, 'proof.signature')?.status).toBe('passed');
    expect(checkOf(r, 'proof.digests')).toMatchObject({
      status: 'failed',
      code: 'ERR_MDOC_MSO',
      impact: 'unverifiable',
    });
    expect(r.verdict).toBe('unverifiable');
    expect(r.authenticity.level).toBe('A0');
  },
  'auth0-lab-mdl/parser-issuer-signed-mdl.hex': async () => {
    // issuerAuth and all 15 digests VALID; no deviceSigned.
    const r = await verifyText(
      vector('auth0-lab-mdl/parser-issuer-signed-mdl.hex'),
      env(COLLECTED, [await caListSource(certDer(NY_DMV), 'US')]),
    );
    expectIntact(r, 15);
    expect(status(r, 'validity.window')).toBe('passed');
    expect(checkOf(r, 'proof.keyBinding')).toMatchObject({
      status: 'warning',
      code: 'WARN_MDOC_NO_DEVICE_AUTH',
    });
    expect(r.credential.description).toContain('org.custom.test/cool');
    expect(r.elements.find((e) => e.key === 'learner')?.values?.[0]).toMatch(/^John /);
  },
  'eudi-srv-web-verifier-endpoint/08-mdl-vpToken.json': async () => {
    // At the upstream test clock, anchored on PID Issuer CA - UT 02: issuer data VALID (26 elements).
    const [token] = vpTokens('eudi-srv-web-verifier-endpoint/08-mdl-vpToken.json');
    const r = await verifyText(
      token ?? '',
      env(new Date(1766135977 * 1000), [await caListSource(certDer(PID_CA_UT02))]),
    );
    expectIntact(r, 26);
    expect(checkOf(r, 'issuer.identity')).toMatchObject({ status: 'passed', code: 'OK_ISSUER_CERT_LISTED' });
    expect(status(r, 'validity.window')).toBe('passed');
    expect(r.trust[0]).toMatchObject({ sourceId: 'eu-tl:UT', list: 'allow' });
    // The MSO names a Token Status List; offline here, so the status is unknown — never "valid",
    // and with the status unknown nothing is graded above A0.
    expect(checkOf(r, 'status.revocation')).toMatchObject({ status: 'error', impact: 'unverifiable' });
    expect(checkOf(r, 'status.revocation')?.detail).toMatch(/token_status_list/);
    expect(r.verdict).toBe('unverifiable');
    expect(r.authenticity.level).toBe('A0');
    // Device authentication covers the OpenID4VP handover, not in a file: said, not assumed.
    expect(checkOf(r, 'proof.keyBinding')?.code).toBe('WARN_MDOC_DEVICE_AUTH_UNCHECKED');
  },
  'eudi-srv-web-verifier-endpoint/08-mdl-dcql.json': async () => {
    const r = await verifyText(vector('eudi-srv-web-verifier-endpoint/08-mdl-dcql.json'), env(COLLECTED));
    expect(r.format.id).not.toBe('mdoc');
  },
  'eudi-srv-web-verifier-endpoint/06-pidPlusMdl-vpToken.json': async () => {
    // Two documents (PID + mDL), one element each; both issuerAuth and digests VALID.
    const tokens = vpTokens('eudi-srv-web-verifier-endpoint/06-pidPlusMdl-vpToken.json');
    expect(tokens).toHaveLength(2);
    for (const token of tokens) {
      const r = await verifyText(
        token,
        env(new Date('2026-01-01T00:00:00Z'), [await caListSource(certDer(PID_CA_UT01))]),
      );
      const sigs = r.checks.filter((c) => c.id === 'proof.signature');
      expect(sigs.map((c) => c.status)).toEqual(['passed', 'passed']);
      expect(r.checks.filter((c) => c.id === 'proof.digests').map((c) => c.status)).toEqual([
        'passed',
        'passed',
      ]);
      expect(r.checks.filter((c) => c.id === 'issuer.identity').map((c) => c.code)).toEqual([
        'OK_ISSUER_CERT_LISTED',
        'OK_ISSUER_CERT_LISTED',
      ]);
      expect(sigs[1]?.message).toMatch(/^Document 2 \(Mobile driving licence/);
      expect(r.authenticity.level).toBe('A3');
      expect(r.credential.description).toContain('eu.europa.ec.eudi.pid.1/family_name');
    }
  },
  'eudi-lib-ios-iso18013-data-model/pid_b64.txt': async () => {
    // Signature and 33 digests VALID, but the MSO was signed after the DS certificate expired: the
    // certificate cannot vouch for it (unverifiable; the data itself is not shown to be altered).
    const r = await verifyText(
      vector('eudi-lib-ios-iso18013-data-model/pid_b64.txt'),
      env(new Date('2024-12-01T00:00:00Z')),
    );
    expectIntact(r, 33);
    expect(checkOf(r, 'issuer.identity')).toMatchObject({
      status: 'failed',
      code: 'ERR_MDOC_SIGNED_OUTSIDE_CERT',
      impact: 'unverifiable',
    });
    expect(r.verdict).toBe('unverifiable');
  },
};

describe('ISO mdoc vectors (MANIFEST rows)', () => {
  it('every file of the vector directory has a row here', () => {
    const files = allFiles().filter((f) => f !== 'MANIFEST.md');
    expect(files.sort()).toEqual(Object.keys(ROWS).sort());
  });
  for (const [file, row] of Object.entries(ROWS)) it(file, row);
});
