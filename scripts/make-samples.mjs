// Generates the bundled demo samples in samples/ (run: node scripts/make-samples.mjs).
// The issuer "CredLens Demo Academy" is fictional; its signing key scripts/keys/demo-issuer.private.pem
// is a TEST KEY committed on purpose so the samples can be regenerated. Never trust it for anything.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CompactSign, importPKCS8 } from 'jose';
import { badgePng, bakePng } from './lib/png.mjs';

const BASE = 'https://badges.demo-academy.example/';
const keyFile = 'scripts/keys/demo-issuer.private.pem';
if (!existsSync(keyFile)) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  mkdirSync('scripts/keys', { recursive: true });
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
}
const privatePem = readFileSync(keyFile, 'utf8');
const { createPublicKey } = await import('node:crypto');
const publicPem = createPublicKey(privatePem).export({ type: 'spki', format: 'pem' });

const ctx = 'https://w3id.org/openbadges/v2';
const write = (path, value) =>
  writeFileSync(path, typeof value === 'string' || Buffer.isBuffer(value) ? value : `${JSON.stringify(value, null, 2)}\n`);
const hashEmail = (email, salt) => `sha256$${createHash('sha256').update(email + salt).digest('hex')}`;

mkdirSync('samples/issuer/badges', { recursive: true });
mkdirSync('samples/issuer/assertions', { recursive: true });
mkdirSync('samples/issuer/keys', { recursive: true });

write('samples/issuer/issuer.json', {
  '@context': ctx,
  type: 'Issuer',
  id: `${BASE}issuer.json`,
  name: 'CredLens Demo Academy',
  url: BASE,
  email: 'registrar@demo-academy.example',
  description: 'A fictional issuer for the CredLens demo. Not a real institution.',
  publicKey: `${BASE}keys/2026.json`,
  revocationList: `${BASE}revocations.json`,
});
write('samples/issuer/keys/2026.json', {
  '@context': ctx,
  type: 'CryptographicKey',
  id: `${BASE}keys/2026.json`,
  owner: `${BASE}issuer.json`,
  publicKeyPem: publicPem,
});
write('samples/issuer/revocations.json', {
  '@context': ctx,
  type: 'RevocationList',
  id: `${BASE}revocations.json`,
  issuer: `${BASE}issuer.json`,
  revokedAssertions: [{ id: 'urn:uuid:5b0f4c1e-2b7a-4f4e-9d61-000000000002', revocationReason: 'Issued in error' }],
});
write('samples/issuer/badges/data-literacy.json', {
  '@context': ctx,
  type: 'BadgeClass',
  id: `${BASE}badges/data-literacy.json`,
  name: 'Data Literacy Foundations',
  description: 'Reading, cleaning and charting tabular data; judging the quality of a data source.',
  image: `${BASE}badges/data-literacy.png`,
  criteria: {
    id: `${BASE}badges/data-literacy/criteria`,
    narrative: 'Completed four graded assignments and a supervised online final assessment (score at least 70%).',
  },
  issuer: `${BASE}issuer.json`,
  alignment: [
    {
      targetName: 'analyse data',
      targetUrl: 'http://data.europa.eu/esco/skill/ee7ef8a3-6bb4-4d5d-9fc8-a5d7b8e1ad46',
      targetFramework: 'ESCO',
      targetDescription: 'ESCO skill (illustrative link for the demo)',
    },
  ],
  tags: ['data', 'spreadsheets'],
});

const recipient = { type: 'email', hashed: true, salt: 'demo-salt', identity: hashEmail('ada.lovelace@example.com', 'demo-salt') };
const signed = {
  '@context': ctx,
  type: 'Assertion',
  id: 'urn:uuid:5b0f4c1e-2b7a-4f4e-9d61-000000000001',
  recipient,
  badge: `${BASE}badges/data-literacy.json`,
  verification: { type: 'SignedBadge', creator: `${BASE}keys/2026.json` },
  issuedOn: '2026-06-30T12:00:00Z',
  expires: '2031-06-30T00:00:00Z',
};
const key = await importPKCS8(privatePem, 'RS256');
const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(signed)))
  .setProtectedHeader({ alg: 'RS256' })
  .sign(key);
const image = badgePng(96, [33, 102, 172]);
write('samples/issuer/badges/data-literacy.png', image);
writeFileSync('samples/demo-badge.png', bakePng(image, 'openbadges', jws));

write('samples/issuer/assertions/hosted-1.json', {
  '@context': ctx,
  type: 'Assertion',
  id: `${BASE}assertions/hosted-1.json`,
  recipient,
  badge: `${BASE}badges/data-literacy.json`,
  verification: { type: 'HostedBadge' },
  issuedOn: '2026-07-01T09:00:00Z',
});
write('samples/demo-trust.json', {
  allow: [{ id: `${BASE}issuer.json`, name: 'CredLens Demo Academy (fictional)' }],
  deny: [],
});
console.log('samples written');
