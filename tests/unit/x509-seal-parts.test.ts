import { describe, expect, it } from 'vitest';
import { readEtsiU } from '../../lib/formats/edc/etsi-u';
import { parseCertificateB64 } from '../../lib/x509/cert';
import { buildChain } from '../../lib/x509/chain';
import { readQcStatements } from '../../lib/x509/qc';
import { verifyTimeStamp } from '../../lib/x509/timestamp';
import { vector } from './edc-helpers';

const sample = JSON.parse(
  vector('ec-european-learning-model/Credentials/JSON-LD Examples (ELM v3)/Sample-CertOfPart-signed.jsonld'),
) as {
  signatures: { protected: string; header: Record<string, unknown>; signature: string }[];
};
const sig = sample.signatures[0] ?? { protected: '', header: {}, signature: '' };
const header = JSON.parse(Buffer.from(sig.protected, 'base64url').toString()) as { x5c: string[] };
const u = readEtsiU(sig.header);

describe('X.509 parts of the EDC sample seal', () => {
  it('reads the QC statements of the ANF test e-seal certificate (EN 319 412-5)', async () => {
    const signer = await parseCertificateB64(header.x5c[0] ?? '');
    const qc = signer ? readQcStatements(signer) : undefined;
    expect(qc).toMatchObject({ compliance: true, qscd: false, types: ['eseal'], policies: ['QCP-l'] });
  });

  it('reads etsiU: sigTst, xVals, rVals, arcTst', () => {
    expect([u.sigTst.length, u.xVals.length, u.crls.length, u.ocsps.length, u.arcTst.length]).toEqual([
      1, 4, 1, 1, 1,
    ]);
  });

  it('verifies the signature time-stamp over the base64url signature value (RFC 3161 imprint)', async () => {
    const ok = await verifyTimeStamp(
      u.sigTst[0] ?? new Uint8Array(),
      new TextEncoder().encode(sig.signature),
    );
    expect(ok.ok).toBe(true);
    expect(ok.genTime?.toISOString()).toBe('2023-09-27T12:07:04.000Z');
    expect(ok.tsa?.subject).toContain('good-tsa');
    const wrong = await verifyTimeStamp(
      u.sigTst[0] ?? new Uint8Array(),
      new TextEncoder().encode(`${sig.signature}x`),
    );
    expect(wrong.problems[0]).toMatch(/message imprint mismatch/);
  });

  it('builds the TSA path to the test root; it is valid in 2023 and expired now', async () => {
    const ts = await verifyTimeStamp(
      u.sigTst[0] ?? new Uint8Array(),
      new TextEncoder().encode(sig.signature),
    );
    if (!ts.tsa) throw new Error('no TSA');
    const then = await buildChain(ts.tsa, ts.certificates, [], new Date('2023-09-27T12:07:04Z'), 'timestamp');
    expect(then).toMatchObject({ ok: true, end: 'self-signed' });
    const later = await buildChain(
      ts.tsa,
      ts.certificates,
      [],
      new Date('2026-01-01T00:00:00Z'),
      'timestamp',
    );
    expect(later.ok).toBe(false);
    const asSeal = await buildChain(ts.tsa, ts.certificates, [], new Date('2023-09-27T12:07:04Z'), 'ocsp');
    expect(asSeal.problems.join()).toMatch(/not an OCSP responder/);
  });
});
