#!/usr/bin/env node
// Generates the fixture web's machine-readable documents into ./generated/ (committed).
// Run: node tests/fixture-web/generate.mjs  — the output is deterministic (RS256 signatures
// are deterministic; no clocks or random values), so re-running changes nothing.
//
// TEST KEY: keys/test-issuer-rsa.pem is a throwaway RSA key made for these fixtures with
// `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`. It is public on purpose
// and must never sign anything real.
//
// Scenarios (fictional issuer "Northwind Academy", fictional learner jane.doe@example.com):
//   credly-valid      OB 2.0 hosted assertion on api.credly.com                  → verified-untrusted
//   credly-revoked    the same endpoint answers 410 Gone + {revoked, reason}       → revoked
//   credly-tampered   served at one URL, claims another assertion's `id` and differs from it → invalid
//   badgr-valid       OB 2.0 hosted assertion on api.badgr.io (Canvas Credentials)→ verified-untrusted
//   baked-valid.png   PNG with an iTXt `openbadges` chunk holding credly-valid      → verified-untrusted
//   signed-valid.jws  OB 2.0 signed assertion, RS256, key published by the issuer → verified-untrusted
//   signed-tampered.jws  the same with one payload byte changed                   → invalid
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { badgePng, bakePng } from '../../scripts/lib/png.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'generated');
const OB2 = 'https://w3id.org/openbadges/v2';

export const IDS = {
  valid: '0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01',
  revoked: '0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e02',
  tampered: '0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e03',
  badgeClass: '7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e41',
  badgeClass2: '7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e42',
  issuer: '3a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c61',
  badgr: 'FxTr9cAsQpK2wLm4NvB7zQ',
  badgrClass: 'Hq2Lp8RtYw3sXc6VbN1mKa',
  badgrIssuer: 'Jd5Gh7Kl9Mn2Pq4Rs6TuVw',
};

const credly = 'https://api.credly.com/v1/obi/v2';
const issuerUrl = `${credly}/issuers/${IDS.issuer}`;
const assertionUrl = (id) => `${credly}/badge_assertions/${id}`;
const badgeClassUrl = (id) => `${credly}/badge_classes/${id}`;

function recipient(email, salt) {
  return {
    type: 'email',
    hashed: true,
    salt,
    identity: `sha256$${createHash('sha256')
      .update(email + salt)
      .digest('hex')}`,
  };
}

const issuer = {
  '@context': OB2,
  type: 'Issuer',
  id: issuerUrl,
  name: 'Northwind Academy',
  url: 'https://www.example.org',
  email: 'badges@example.org',
  description: 'A fictional academy used in CredLens test fixtures.',
};

const badgeClass = (id, name, narrative, extra = {}) => ({
  '@context': OB2,
  type: 'BadgeClass',
  id: badgeClassUrl(id),
  name,
  description: `${name}: a fictional badge for CredLens tests.`,
  image: `https://images.credly.com/images/${id}/image.png`,
  criteria: { id: `https://www.example.org/programmes/${id}`, narrative },
  issuer: issuerUrl,
  tags: ['data', 'fixture'],
  ...extra,
});

const dataBadge = badgeClass(
  IDS.badgeClass,
  'Data Analysis Foundations',
  'Completed a 30-hour course and passed a proctored online exam on descriptive statistics, SQL queries and data visualisation.',
  {
    alignment: [
      {
        targetName: 'analyse data',
        targetUrl: 'http://data.europa.eu/esco/skill/0d7a3b1a-2a8c-4c4b-8d2e-6a3c5a1b2c3d',
        targetFramework: 'ESCO',
      },
    ],
  },
);
const securityBadge = badgeClass(
  IDS.badgeClass2,
  'Cloud Security Basics',
  'Completed the cloud security basics workshop and a practical assessment.',
);

const assertion = (id, badge, issuedOn, salt) => ({
  '@context': OB2,
  type: 'Assertion',
  id: assertionUrl(id),
  recipient: recipient('jane.doe@example.com', salt),
  badge,
  issuedOn,
  verification: { type: 'HostedBadge' },
});

const valid = assertion(IDS.valid, badgeClassUrl(IDS.badgeClass), '2025-03-14T09:00:00+00:00', 'nw-salt-1');
const revoked = {
  ...assertion(IDS.revoked, badgeClassUrl(IDS.badgeClass2), '2024-11-02T10:30:00+00:00', 'nw-salt-2'),
  revoked: true,
  revocationReason: 'Awarded in error: the assessment was not completed.',
};
// Served at the URL of IDS.tampered, but claims to be the valid assertion (its `id`), with
// an earlier issue date: a copy altered and re-hosted. The issuer's copy at that id differs.
const tampered = { ...valid, issuedOn: '2023-01-20T08:00:00+00:00' };

// Canvas Credentials (Badgr), as served with ?v=2_0.
const badgrBase = 'https://api.badgr.io/public';
const badgrIssuer = {
  '@context': OB2,
  type: 'Issuer',
  id: `${badgrBase}/issuers/${IDS.badgrIssuer}`,
  name: 'Fabrikam University Library',
  url: 'https://www.example.org/library',
  email: 'library@example.org',
};
const badgrClass = {
  '@context': OB2,
  type: 'BadgeClass',
  id: `${badgrBase}/badges/${IDS.badgrClass}`,
  name: 'Open Science Practices',
  description: 'Fictional badge: open data, preregistration and reproducible analysis.',
  image: `${badgrBase}/badges/${IDS.badgrClass}/image`,
  criteria: { narrative: 'Attended four seminars and published a reproducible analysis notebook.' },
  issuer: badgrIssuer.id,
};
const badgrAssertion = {
  '@context': OB2,
  type: 'Assertion',
  id: `${badgrBase}/assertions/${IDS.badgr}`,
  recipient: recipient('jane.doe@example.com', 'fab-salt-1'),
  badge: badgrClass.id,
  issuedOn: '2024-06-30T12:00:00+00:00',
  verification: { type: 'HostedBadge' },
};

// Signed OB 2.0 on the issuer's own domain (for the "drop a file" test).
const privateKey = createPrivateKey(readFileSync(join(here, 'keys', 'test-issuer-rsa.pem')));
const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
const signedIssuer = {
  '@context': OB2,
  type: 'Issuer',
  id: 'https://example.org/issuer.json',
  name: 'Northwind Academy (signed badges)',
  url: 'https://example.org',
  email: 'badges@example.org',
  publicKey: 'https://example.org/keys/1.json',
};
const signedKey = {
  '@context': OB2,
  type: 'CryptographicKey',
  id: 'https://example.org/keys/1.json',
  owner: signedIssuer.id,
  publicKeyPem,
};
const signedBadge = {
  '@context': OB2,
  type: 'BadgeClass',
  id: 'https://example.org/badges/sql-basics.json',
  name: 'SQL Basics',
  description: 'Fictional badge: SELECT, JOIN and GROUP BY.',
  image: 'https://example.org/badges/sql-basics.png',
  criteria: { narrative: 'Passed an online quiz of 20 questions.' },
  issuer: signedIssuer.id,
};
const signedAssertion = {
  '@context': OB2,
  type: 'Assertion',
  id: 'urn:uuid:5f1e2d3c-4b5a-4697-8877-665544332211',
  recipient: recipient('jane.doe@example.com', 'sig-salt-1'),
  badge: signedBadge.id,
  issuedOn: '2025-02-01T00:00:00+00:00',
  verification: { type: 'SignedBadge', creator: signedKey.id },
};

const b64url = (buf) => Buffer.from(buf).toString('base64url');
function jws(payloadJson) {
  const header = b64url(JSON.stringify({ alg: 'RS256' }));
  const payload = b64url(payloadJson);
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), privateKey);
  return `${header}.${payload}.${b64url(signature)}`;
}
const signedJson = JSON.stringify(signedAssertion);
const signedValid = jws(signedJson);
// One payload byte changed after signing: 2025 → 2024 in issuedOn; signature kept.
const [h, , s] = signedValid.split('.');
const signedTampered = `${h}.${b64url(signedJson.replace('"2025-02-01', '"2024-02-01'))}.${s}`;

// ---- write ---------------------------------------------------------------------------
rmSync(out, { recursive: true, force: true });
const files = {};
const routes = [];
function put(rel, content) {
  const path = join(out, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    typeof content === 'string' || Buffer.isBuffer(content)
      ? content
      : `${JSON.stringify(content, null, 2)}\n`,
  );
  files[rel] = true;
}
function route(url, file, contentType, status = 200) {
  const u = new URL(url);
  routes.push({ host: u.host, path: u.pathname, file, contentType, status });
}
const JSON_LD = 'application/ld+json';

put('credly/issuer.json', issuer);
route(issuerUrl, 'credly/issuer.json', JSON_LD);
put('credly/badge-class-data.json', dataBadge);
route(dataBadge.id, 'credly/badge-class-data.json', JSON_LD);
put('credly/badge-class-security.json', securityBadge);
route(securityBadge.id, 'credly/badge-class-security.json', JSON_LD);
put('credly/assertion-valid.json', valid);
route(assertionUrl(IDS.valid), 'credly/assertion-valid.json', JSON_LD);
put('credly/assertion-revoked.json', revoked);
route(assertionUrl(IDS.revoked), 'credly/assertion-revoked.json', JSON_LD, 410);
put('credly/assertion-tampered.json', tampered);
route(assertionUrl(IDS.tampered), 'credly/assertion-tampered.json', JSON_LD);

put('badgr/issuer.json', badgrIssuer);
route(badgrIssuer.id, 'badgr/issuer.json', JSON_LD);
put('badgr/badge-class.json', badgrClass);
route(badgrClass.id, 'badgr/badge-class.json', JSON_LD);
put('badgr/assertion.json', badgrAssertion);
route(badgrAssertion.id, 'badgr/assertion.json', JSON_LD);

put('example-org/issuer.json', signedIssuer);
route(signedIssuer.id, 'example-org/issuer.json', JSON_LD);
put('example-org/key-1.json', signedKey);
route(signedKey.id, 'example-org/key-1.json', JSON_LD);
put('example-org/sql-basics.json', signedBadge);
route(signedBadge.id, 'example-org/sql-basics.json', JSON_LD);
put('signed-valid.jws', `${signedValid}\n`);
put('signed-tampered.jws', `${signedTampered}\n`);

const plainData = badgePng(64, [26, 79, 156]);
put('images/data-analysis.png', plainData);
route(dataBadge.image, 'images/data-analysis.png', 'image/png');
put('images/cloud-security.png', badgePng(64, [161, 34, 26]));
route(securityBadge.image, 'images/cloud-security.png', 'image/png');
put('images/open-science.png', badgePng(64, [30, 107, 48]));
route(badgrClass.image, 'images/open-science.png', 'image/png');
put('images/sql-basics.png', badgePng(64, [122, 77, 0]));
route(signedBadge.image, 'images/sql-basics.png', 'image/png');
// The baked badge a candidate put on their profile, served from the issuer's website.
put('baked-valid.png', bakePng(plainData, 'openbadges', JSON.stringify(valid)));
route('https://www.example.org/badges/northwind-data-analysis.png', 'baked-valid.png', 'image/png');

put('routes.json', routes);
put('expected.json', {
  'credly-valid': {
    url: `https://www.credly.com/badges/${IDS.valid}/public_url`,
    endpoint: assertionUrl(IDS.valid),
    verdict: 'verified-untrusted',
    title: dataBadge.name,
  },
  'credly-revoked': {
    url: `https://www.credly.com/badges/${IDS.revoked}`,
    endpoint: assertionUrl(IDS.revoked),
    verdict: 'revoked',
    title: securityBadge.name,
  },
  'credly-tampered': {
    url: `https://www.credly.com/badges/${IDS.tampered}`,
    endpoint: assertionUrl(IDS.tampered),
    verdict: 'invalid',
  },
  'badgr-valid': {
    url: `https://badgr.com/public/assertions/${IDS.badgr}`,
    endpoint: `${badgrAssertion.id}?v=2_0`,
    verdict: 'verified-untrusted',
    title: badgrClass.name,
  },
  'baked-valid': {
    url: 'https://www.example.org/badges/northwind-data-analysis.png',
    file: 'baked-valid.png',
    verdict: 'verified-untrusted',
    title: dataBadge.name,
  },
  'signed-valid': { file: 'signed-valid.jws', verdict: 'verified-untrusted', title: signedBadge.name },
  'signed-tampered': { file: 'signed-tampered.jws', verdict: 'invalid' },
  issuerId: issuerUrl,
});
console.log(`wrote ${Object.keys(files).length} files to ${out}`);
