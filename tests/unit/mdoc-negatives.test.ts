/**
 * ISO mdoc negatives: documented one-byte mutations of the auth0 example 1 DeviceResponse (each
 * keeps the CBOR well-formed), test mdocs signed with the TEST-ONLY fixture key (expired, not yet
 * valid, wrong docType, status list), acquisition of the encodings, and hostile input.
 */
import { describe, expect, it } from 'vitest';
import { acquireInput } from '../../lib/acquire/acquire';
import type { RecordingFetch } from '../../lib/model/format';
import {
  caListSource,
  cbor,
  checkOf,
  env,
  fixtureDer,
  hexToBytes,
  tag,
  testDeviceResponse,
  vector,
  verifyBytes,
} from './mdoc-helpers';

const NOW = new Date('2026-12-07T12:00:00Z');
const EXAMPLE1 = hexToBytes(vector('auth0-lab-mdl/example1-device-response-full.hex'));
const ascii = (s: string) => new TextEncoder().encode(s);

function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** A copy of `bytes` with the byte at `at` replaced. */
function withByte(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = bytes.slice();
  out[at] = value;
  return out;
}

describe('mdoc mutations of a valid DeviceResponse (auth0 example 1)', () => {
  it('the unmutated response verifies (control)', async () => {
    const r = await verifyBytes(EXAMPLE1, env(NOW));
    expect(checkOf(r, 'proof.signature')?.status).toBe('passed');
    expect(checkOf(r, 'proof.digests')?.status).toBe('passed');
  });

  it('a changed element value: its digest no longer matches → invalid', async () => {
    // The first "family_name" is the element identifier inside an IssuerSignedItem (the MSO holds
    // digests only); the text value that follows it is changed by one letter.
    const at = indexOf(EXAMPLE1, ascii('elementValue'), indexOf(EXAMPLE1, ascii('family_name')));
    expect(at).toBeGreaterThan(0);
    const valueFirstChar = at + 'elementValue'.length + 1;
    const mutated = withByte(EXAMPLE1, valueFirstChar, (EXAMPLE1[valueFirstChar] ?? 0) ^ 0x01);
    const r = await verifyBytes(mutated, env(NOW));
    expect(checkOf(r, 'proof.signature')?.status).toBe('passed');
    expect(checkOf(r, 'proof.digests')).toMatchObject({
      status: 'failed',
      code: 'ERR_MDOC_DIGEST',
      impact: 'invalid',
    });
    expect(checkOf(r, 'proof.digests')?.detail).toMatch(/family_name does not match/);
    expect(r.verdict).toBe('invalid');
    expect(r.authenticity.level).toBe('A0');
  });

  it('a changed MSO byte (inside a value digest): the issuer signature fails → invalid', async () => {
    const at = indexOf(EXAMPLE1, ascii('valueDigests'));
    expect(at).toBeGreaterThan(0);
    // 60 bytes on sits inside the first 32-byte SHA-256 digest of the first namespace.
    const mutated = withByte(EXAMPLE1, at + 60, (EXAMPLE1[at + 60] ?? 0) ^ 0xff);
    const r = await verifyBytes(mutated, env(NOW));
    expect(checkOf(r, 'proof.signature')).toMatchObject({
      status: 'failed',
      code: 'ERR_SIGNATURE_INVALID',
      impact: 'invalid',
    });
    expect(checkOf(r, 'proof.digests')?.status).toBe('skipped');
    expect(r.verdict).toBe('invalid');
  });

  it('a wrong document docType (outside the signature) → invalid', async () => {
    // The document-level docType is the first occurrence; the MSO's copy is inside the signed payload.
    const at = indexOf(EXAMPLE1, ascii('org.iso.18013.5.1.mDL'));
    const mutated = withByte(EXAMPLE1, at + 'org.iso.18013.5.1.mD'.length, 'X'.charCodeAt(0));
    const r = await verifyBytes(mutated, env(NOW));
    expect(checkOf(r, 'proof.signature')?.status).toBe('passed');
    expect(checkOf(r, 'mdoc.doctype')).toMatchObject({
      status: 'failed',
      code: 'ERR_MDOC_DOCTYPE',
      impact: 'invalid',
    });
    expect(r.verdict).toBe('invalid');
  });

  it('after validUntil (2073-09-29): expired', async () => {
    const r = await verifyBytes(EXAMPLE1, env(new Date('2073-10-01T00:00:00Z')));
    expect(checkOf(r, 'validity.window')).toMatchObject({
      status: 'failed',
      code: 'ERR_EXPIRED',
      impact: 'expired',
    });
  });

  it('truncated bytes are not an mdoc, with a reason and no throw', async () => {
    const r = await verifyBytes(EXAMPLE1.slice(0, EXAMPLE1.length - 10), env(NOW));
    expect(r.format.id).toBe('unknown');
    expect(checkOf(r, 'format.recognized')?.status).toBe('failed');
  });
});

describe('mdocs signed with the test key', () => {
  it('valid, chained to a listed CA: A3 verified; elements mapped', async () => {
    const r = await verifyBytes(
      await testDeviceResponse(),
      env(new Date('2027-06-01T00:00:00Z'), [await caListSource(fixtureDer('root'), 'ES')]),
    );
    expect(checkOf(r, 'proof.signature')?.status).toBe('passed');
    expect(checkOf(r, 'issuer.identity')?.code).toBe('OK_ISSUER_CERT_LISTED');
    expect(r.verdict).toBe('verified');
    expect(r.authenticity.level).toBe('A3');
    const el = Object.fromEntries(r.elements.map((e) => [e.key, e]));
    expect(el.learner?.values).toEqual(['Ada Testperson']);
    expect(el.awardingBody?.values).toEqual(['Test Authority']);
    expect(el.country?.values).toEqual(['ES']);
    expect(el.issuedOn?.values).toEqual(['2027-01-02']);
    expect(el.title?.values).toEqual(['Mobile driving licence (mDL)']);
    expect(el.learningOutcomes?.status).toBe('not-expressible');
    expect(checkOf(r, 'proof.keyBinding')?.code).toBe('WARN_MDOC_NO_DEVICE_AUTH');
  });

  for (const signer of ['ed25519', 'p384'] as const) {
    it(`${signer === 'ed25519' ? 'EdDSA (Ed25519)' : 'ES384'} signature with a self-signed certificate: intact, issuer not established`, async () => {
      const bytes = await testDeviceResponse({ signer });
      const r = await verifyBytes(bytes, env(new Date('2027-06-01T00:00:00Z')));
      expect(checkOf(r, 'proof.signature')).toMatchObject({ status: 'passed' });
      expect(checkOf(r, 'proof.signature')?.detail).toContain(signer === 'ed25519' ? 'EdDSA' : 'ES384');
      expect(checkOf(r, 'proof.digests')?.status).toBe('passed');
      // lib/x509 cannot check an Ed25519 certificate's own signature: it is then said to name itself.
      expect(checkOf(r, 'issuer.identity')?.message).toMatch(/self-signed|names itself as its issuer/);
      expect(r.authenticity.level).toBe('A1');
      expect(r.verdict).toBe('verified-untrusted');
      // The last byte of the signature flipped: the signature fails.
      const broken = bytes.slice();
      const sigStart = bytes.length - (signer === 'ed25519' ? 64 : 96) - ('status'.length + 2);
      broken[sigStart + 5] = (broken[sigStart + 5] ?? 0) ^ 0x01;
      const b = await verifyBytes(broken, env(new Date('2027-06-01T00:00:00Z')));
      expect(checkOf(b, 'proof.signature')).toMatchObject({
        status: 'failed',
        code: 'ERR_SIGNATURE_INVALID',
      });
    });
  }

  it('an expired validUntil, genuinely signed: expired', async () => {
    const bytes = await testDeviceResponse({ validUntil: '2027-03-01T00:00:00Z' });
    const r = await verifyBytes(bytes, env(new Date('2027-06-01T00:00:00Z')));
    expect(checkOf(r, 'proof.signature')?.status).toBe('passed');
    expect(checkOf(r, 'validity.window')).toMatchObject({ status: 'failed', code: 'ERR_EXPIRED' });
    expect(r.verdict).toBe('expired');
  });

  it('not valid yet: ERR_NOT_YET_VALID', async () => {
    const bytes = await testDeviceResponse({
      signed: '2027-01-02T00:00:00Z',
      validFrom: '2027-09-01T00:00:00Z',
    });
    const r = await verifyBytes(bytes, env(new Date('2027-06-01T00:00:00Z')));
    expect(checkOf(r, 'validity.window')).toMatchObject({
      status: 'failed',
      code: 'ERR_NOT_YET_VALID',
      impact: 'expired',
    });
  });

  it('the document claims another docType than the MSO signs: invalid', async () => {
    const bytes = await testDeviceResponse({ docType: 'eu.europa.ec.eudi.pid.1' });
    const r = await verifyBytes(bytes, env(new Date('2027-06-01T00:00:00Z')));
    expect(checkOf(r, 'mdoc.doctype')?.code).toBe('ERR_MDOC_DOCTYPE');
    expect(r.verdict).toBe('invalid');
  });

  it('an MSO status list reference is checked, and unreachable is never "valid"', async () => {
    const status = new Map([
      [
        'status_list',
        new Map<unknown, unknown>([
          ['idx', 3],
          ['uri', 'https://status.example.test/list/1'],
        ]),
      ],
    ]);
    const r = await verifyBytes(await testDeviceResponse({ status }), env(new Date('2027-06-01T00:00:00Z')));
    expect(checkOf(r, 'status.revocation')).toMatchObject({ status: 'error', impact: 'unverifiable' });
    expect(r.verdict).toBe('unverifiable');
  });

  it('an unreadable status reference: ERR_STATUS_UNSUPPORTED, unverifiable', async () => {
    const status = new Map([['status_list', new Map<unknown, unknown>([['idx', 'x']])]]);
    const r = await verifyBytes(await testDeviceResponse({ status }), env(new Date('2027-06-01T00:00:00Z')));
    expect(checkOf(r, 'status.revocation')).toMatchObject({
      status: 'error',
      code: 'ERR_STATUS_UNSUPPORTED',
      impact: 'unverifiable',
    });
  });

  it('validity dates that are not tag-0 date-times: invalid', async () => {
    const r = await verifyBytes(
      await testDeviceResponse({ plainDates: true }),
      env(new Date('2027-06-01T00:00:00Z')),
    );
    expect(checkOf(r, 'proof.signature')?.status).toBe('passed');
    expect(checkOf(r, 'validity.window')).toMatchObject({
      status: 'failed',
      code: 'ERR_VALIDITY_DATE',
      impact: 'invalid',
    });
  });

  it('an unknown CBOR tag is refused: not read as an mdoc', async () => {
    const withUnknownTag = cbor(
      new Map<unknown, unknown>([
        ['version', '1.0'],
        ['documents', [tag(99, 'x')]],
      ]),
    );
    const r = await verifyBytes(withUnknownTag, env(NOW));
    expect(r.format.id).toBe('unknown');
    expect(checkOf(r, 'format.recognized')?.status).toBe('failed');
  });
});

describe('acquiring mdocs', () => {
  const fetch: RecordingFetch = async (url) => ({
    ok: false,
    url,
    code: 'ERR_NET_UNREACHABLE',
    message: 'offline',
  });
  it('hex, base64, base64url text and raw bytes are recognised; JSON and JWS are not changed', async () => {
    const hex = vector('auth0-lab-mdl/example1-device-response-full.hex');
    const b64 = Buffer.from(EXAMPLE1).toString('base64');
    const b64url = Buffer.from(EXAMPLE1).toString('base64url');
    for (const text of [hex, hex.toUpperCase(), b64, b64.replace(/(.{76})/g, '$1\n'), b64url]) {
      const a = await acquireInput({ kind: 'text', text }, fetch);
      expect(a.ok && a.acquired.payload.type).toBe('cbor');
    }
    const bytes = await acquireInput({ kind: 'bytes', bytes: EXAMPLE1 }, fetch);
    expect(bytes.ok && bytes.acquired.container).toBe('cbor');
    const json = await acquireInput({ kind: 'text', text: '{"a":1}' }, fetch);
    expect(json.ok && json.acquired.payload.type).toBe('json');
    const notMdoc = await acquireInput({ kind: 'text', text: 'a1616101' }, fetch);
    expect(notMdoc.ok).toBe(false);
  });

  it('hostile CBOR: deep nesting and huge declared lengths give a reason, not a throw', async () => {
    const deep = new Uint8Array([0xa1, 0x61, 0x61, ...new Array<number>(5000).fill(0x81), 0x01]);
    const r1 = await verifyBytes(deep, env(NOW));
    expect(checkOf(r1, 'format.recognized')?.status).toBe('failed');
    const huge = new Uint8Array([
      0xa2,
      0x67,
      ...ascii('version'),
      0x63,
      ...ascii('1.0'),
      0x69,
      ...ascii('documents'),
      0x9b,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff,
    ]);
    const r2 = await verifyBytes(huge, env(NOW));
    expect(checkOf(r2, 'format.recognized')?.status).toBe('failed');
  });
});
