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
// Detection surfaces (issue 6; expectations in detect-expected.json): a job-board
// application, a Europass-style CV page, Open Badge Factory and edubadges endpoints, and
// a CV PDF (text URL, link annotation, QR code image, attached credential files), written
// by lib/pdf.mjs and lib/qr.mjs (test-only, hand-written: no PDF/QR encoder is installed).
// Mixed profile (issue 5; expectations in expected.json `profileMix`): a second LinkedIn-style
// profile linking OB 3.0 credentials signed with eddsa-rdfc-2022 (lib/ob3.mjs) by a did:web
// issuer listed in a DCC-format registry (served at the DCC Member Registry's address only when a
// test opens the `dcc-registry` gate, see server.mjs), by an unlisted did:key issuer, a revoked
// one (BitstringStatusList) and a tampered one, plus the real signed EDC sample from
// ../shared/vectors (served by server.mjs from the vectors folder, never copied here).
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { badgePng, bakePng } from '../../scripts/lib/png.mjs';
import { makePdf } from './lib/pdf.mjs';
import { OB3_CONTEXT, didDocument, encodedList, multikey, signDi } from './lib/ob3.mjs';
import { encodeQr, qrToGray } from './lib/qr.mjs';

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

// ---- detection surfaces (issue 6): job board, Europass-style CV, LinkedIn "show all", CV PDF ----
// Platforms with a machine-readable form get endpoints here (Open Badge Factory, edubadges);
// the others (Coursera, Accredible, Microsoft Learn, edX, LinkedIn Learning) have pages only.
/**
 * An Open Badges 2.0 hosted badge of Jane Doe: issuer, badge class and assertion, each served at
 * its id from generated/<dir>/.
 */
function hostedBadge(dir, { issuer, badge, assertion }) {
  const docs = {
    issuer: { '@context': OB2, type: 'Issuer', ...issuer },
    badge: { '@context': OB2, type: 'BadgeClass', ...badge, issuer: issuer.id },
    assertion: {
      '@context': OB2,
      type: 'Assertion',
      id: assertion.id,
      recipient: recipient('jane.doe@example.com', assertion.salt),
      badge: badge.id,
      issuedOn: assertion.issuedOn,
      verification: { type: 'HostedBadge' },
    },
  };
  for (const d of Object.values(docs)) {
    const file = `${dir}/${d.type.toLowerCase()}.json`;
    put(file, d);
    route(d.id, file, JSON_LD);
  }
  return docs;
}
const OBF_ID = '4e7d1c2b3a5f6e8d9c0b1a2f3e4d5c6b7a8f9e0d';
const obfBase = 'https://openbadgefactory.com/v1';
const obf = hostedBadge('obf', {
  issuer: {
    id: `${obfBase}/client/fixture-issuer`,
    name: 'Contoso Vocational College',
    url: 'https://openbadgefactory.com',
    email: 'badges@example.org',
  },
  badge: {
    id: `${obfBase}/badge/fixture-welding`,
    name: 'Safe Welding Practice',
    description: 'Fictional badge: workshop safety and MIG welding basics.',
    image: `${obfBase}/badge/fixture-welding/image.png`,
    criteria: { narrative: 'Completed 40 hours of supervised workshop practice.' },
  },
  assertion: { id: `${obfBase}/assertion/${OBF_ID}`, salt: 'obf-salt-1', issuedOn: '2024-09-12T08:00:00+00:00' },
});
const EDU_ID = 'edu7Hk2PqR9sT4vW';
const eduBase = 'https://api.edubadges.nl/public';
const edu = hostedBadge('edubadges', {
  issuer: {
    id: `${eduBase}/issuers/fixtureIssuer01`,
    name: 'Fabrikam University of Applied Sciences',
    url: 'https://api.edubadges.nl',
    email: 'edubadges@example.org',
  },
  badge: {
    id: `${eduBase}/badges/fixtureBadge01`,
    name: 'Research Data Management',
    description: 'Fictional micro-credential (3 ECTS).',
    image: `${eduBase}/badges/fixtureBadge01/image`,
    criteria: { narrative: 'Passed the course assessment.' },
  },
  assertion: { id: `${eduBase}/assertions/${EDU_ID}`, salt: 'edu-salt-1', issuedOn: '2025-01-20T10:00:00+00:00' },
});
// A badge hosted on the issuer's own site, which no platform rule knows: the job page links it
// with rel="openbadges", so it is verified whatever its address.
const fabBase = 'https://www.example.org/fabrikam';
const fab = hostedBadge('fabrikam', {
  issuer: {
    id: `${fabBase}/issuer`,
    name: 'Fabrikam Training Centre',
    url: 'https://www.example.org/',
    email: 'training@example.org',
  },
  badge: {
    id: `${fabBase}/badges/forklift`,
    name: 'Forklift Operation',
    description: 'Fictional badge: safe forklift operation in a warehouse.',
    image: `${fabBase}/badges/forklift/image.png`,
    criteria: { narrative: 'Passed the practical forklift assessment.' },
  },
  assertion: { id: `${fabBase}/awards/5f2a9c`, salt: 'fab-salt-1', issuedOn: '2025-03-04T09:00:00+00:00' },
});
put('images/welding.png', badgePng(64, [90, 60, 140]));
route(obf.badge.image, 'images/welding.png', 'image/png');
put('images/forklift.png', badgePng(64, [200, 140, 20]));
route(fab.badge.image, 'images/forklift.png', 'image/png');

const COURSERA = 'https://www.coursera.org/account/accomplishments/verify/FX7K2M9Q4TZL';
const ACCREDIBLE = 'https://www.credential.net/40718293';
const MS_LEARN = 'https://learn.microsoft.com/en-us/users/janedoe-fixture/credentials/A1B2C3D4E5F6';
const EDX = 'https://courses.edx.org/certificates/0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const LI_LEARNING = 'https://www.linkedin.com/learning/certificates/7a1b2c3d4e5f60718293a4b5c6d7e8f9';
const EUROPASS_SHARE =
  'https://europa.eu/europass/digital-credentials/viewer/#/shareview/c0ffee00fixture5a1e';
const EDU_PAGE = `https://edubadges.nl/public/assertions/${EDU_ID}`;
const OBF_PAGE = `${obfBase}/assertion/${OBF_ID}.html`;
const credlyPage = (id) => `https://www.credly.com/badges/${id}/public_url`;
const htmlEsc = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const page = (title, body) =>
  `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${htmlEsc(title)}</title>\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
  `<style>body{margin:0;font:14px/1.45 system-ui,sans-serif;background:#f3f4f6;color:#1d1d1d}header{background:#123;color:#fff;padding:10px 24px;font-weight:700}main{max-width:780px;margin:16px auto}section{background:#fff;border:1px solid #ddd;border-radius:8px;padding:14px 20px;margin-bottom:12px}h2{margin:0 0 8px;font-size:17px}ul{padding-left:18px}pre{white-space:pre-wrap;word-break:break-all;font-size:11px;background:#f6f6f6;padding:8px}img.badge{width:56px;height:56px;vertical-align:middle;margin-right:8px}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;

// Job-board application (applicant-tracking page): links, badge images, JSON-LD, a JWS, a CV attachment.
const JOB_URL = 'https://jobs.example.net/applications/4711';
const jobPage = page(
  'Application #4711: Jane Doe (Data Analyst) | Fabrikam Jobs (fixture)',
  `<header>Fabrikam Jobs · Applicant tracking (fixture)</header>
<main>
<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Data Analyst', hiringOrganization: { '@type': 'Organization', name: 'Fabrikam' } })}</script>
<section><h2>Jane Doe</h2><p>Applied for <b>Data Analyst</b> · <img src="https://www.example.org/logo.jpg" alt="Fabrikam logo" width="20" height="20"></p>
<p>Attachments: <a href="/files/jane-doe-cv.pdf" data-testid="cv-link">jane-doe-cv.pdf</a></p></section>
<section id="applicant-credentials"><h2>Certificates and badges</h2>
<ul>
<li><a href="${credlyPage(IDS.valid)}">Data Analysis Foundations (Credly)</a></li>
<li><a href="${OBF_PAGE}">Safe Welding Practice</a></li>
<li><a href="${COURSERA}">Google Data Analytics Certificate (Coursera)</a></li>
<li><a rel="noopener OpenBadges" href="${fab.assertion.id}">Forklift Operation (Fabrikam Training Centre)</a></li>
</ul>
<p><img class="badge" src="https://www.example.org/badges/northwind-data-analysis.png" alt="Data Analysis Foundations badge"> Badge image uploaded by the applicant</p>
</section>
<section><h2>Cover letter</h2><p>I also attach my Canvas Credentials badge as the issuer gave it to me:</p>
<script type="application/ld+json">${JSON.stringify(badgrAssertion)}</script>
<p>and my signed SQL badge:</p><pre data-testid="jws">${signedValid}</pre></section>
</main>`,
);
put('pages/job-application.html', jobPage);
route(JOB_URL, 'pages/job-application.html', 'text/html; charset=utf-8');

// Europass-style CV (HTML).
const CV_URL = 'https://europa.eu/europass/eportfolio/screen/cv/jane-doe-fixture';
const cvPage = page(
  'Jane Doe: Europass CV (fixture)',
  `<header>Europass · Curriculum vitae (fixture)</header>
<main>
<section><h2>Jane Doe</h2><p>Data analyst · Utrecht, Netherlands · jane.doe@example.com</p></section>
<section><h2>Education and training</h2>
<h3>Research Data Management (3 ECTS)</h3><p>Fabrikam University of Applied Sciences · 2025 · <a href="${EDU_PAGE}">edubadge</a></p>
<h3>Bachelor in Applied Statistics</h3><p>European Digital Credential: <a href="${EUROPASS_SHARE}">view my diploma in Europass</a></p>
</section>
<section><h2>Digital credentials</h2><ul>
<li><a href="${ACCREDIBLE}">Tableau Desktop Specialist (Accredible)</a></li>
<li><a href="${MS_LEARN}">Microsoft Certified: Power BI Data Analyst Associate</a></li>
</ul><p>Open Science Practices: https://badgr.com/public/assertions/${IDS.badgr} (written out, not linked)</p></section>
</main>`,
);
put('pages/europass-cv.html', cvPage);
route(CV_URL, 'pages/europass-cv.html', 'text/html; charset=utf-8');

// CV as PDF: URL in text, a link annotation, a QR code (page 2), attached credential files.
const edcAttachment = {
  '@context': ['https://www.w3.org/2018/credentials/v1', 'http://data.europa.eu/snb/model/context/edc-ap'],
  id: 'urn:credential:0a1b2c3d-fixture-edc',
  type: ['VerifiableCredential', 'EuropeanDigitalCredential'],
  issuer: {
    id: 'urn:epass:org:fixture-university',
    type: 'Organisation',
    legalName: { en: 'Fabrikam University (fixture)' },
  },
  issuanceDate: '2024-07-01T00:00:00Z',
  credentialSubject: { id: 'urn:epass:person:jane-doe', type: 'Person', fullName: { en: 'Jane Doe' } },
};
const qr = qrToGray(encodeQr(`https://www.credly.com/badges/${IDS.revoked}`), 3);
const cvPdf = makePdf({
  title: 'Jane Doe CV (fixture)',
  pages: [
    {
      lines: [
        { x: 72, y: 770, size: 20, text: 'Jane Doe' },
        { x: 72, y: 748, text: 'Data analyst - jane.doe@example.com' },
        { x: 72, y: 712, size: 13, text: 'Certifications' },
        { x: 72, y: 692, text: 'Data Analysis Foundations, Northwind Academy (2025):' },
        { x: 72, y: 678, size: 9, text: credlyPage(IDS.valid) },
        { x: 72, y: 656, text: 'Open Science Practices, Fabrikam University Library (2024) [link]' },
        { x: 72, y: 634, text: 'Google Data Analytics (Coursera):' },
        { x: 72, y: 620, size: 9, text: COURSERA },
        { x: 72, y: 600, size: 9, text: 'My diploma and badge files are attached to this PDF.' },
      ],
      links: [{ rect: [72, 652, 400, 666], uri: `https://badgr.com/public/assertions/${IDS.badgr}` }],
    },
    {
      lines: [{ x: 72, y: 770, text: 'Cloud Security Basics (Northwind Academy): scan to verify' }],
      images: [{ x: 72, y: 600, w: 150, h: 150, gray: qr }],
    },
  ],
  attachments: [
    {
      name: 'edc-diploma.jsonld',
      mime: 'application/ld+json',
      bytes: Buffer.from(JSON.stringify(edcAttachment, null, 2)),
    },
    {
      name: 'northwind-data-analysis.json',
      mime: 'application/json',
      bytes: Buffer.from(JSON.stringify(valid, null, 2)),
    },
  ],
});
put('pages/jane-doe-cv.pdf', cvPdf);
route('https://jobs.example.net/files/jane-doe-cv.pdf', 'pages/jane-doe-cv.pdf', 'application/pdf');

const detectExpected = {
  job: {
    url: JOB_URL,
    candidates: {
      [assertionUrl(IDS.valid)]: { platform: 'credly', verdict: 'verified-untrusted' },
      [obf.assertion.id]: { platform: 'open-badge-factory', verdict: 'verified-untrusted' },
      [COURSERA]: { platform: 'coursera', verdict: 'unverifiable', noVerifiableForm: true },
      'https://www.example.org/badges/northwind-data-analysis.png': {
        platform: 'baked-image',
        verdict: 'verified-untrusted',
      },
      'json-ld': { platform: 'json-ld', verdict: 'verified-untrusted', title: badgrClass.name },
      jwt: { platform: 'jwt', verdict: 'verified-untrusted', title: signedBadge.name },
      [fab.assertion.id]: { platform: 'ob-hosted', verdict: 'verified-untrusted' },
    },
  },
  cv: {
    url: CV_URL,
    candidates: {
      [edu.assertion.id]: { platform: 'edubadges', verdict: 'verified-untrusted' },
      'https://europa.eu/europass/digital-credentials/viewer/api/v1/sharelinks/c0ffee00fixture5a1e/presentation':
        { platform: 'europass' },
      [ACCREDIBLE]: { platform: 'accredible', verdict: 'unverifiable', noVerifiableForm: true },
      [MS_LEARN]: { platform: 'microsoft-learn', verdict: 'unverifiable', noVerifiableForm: true },
    },
    /** Found by `credlens scan` only: a URL written in the text, not linked. */
    textOnly: {
      [`${badgrBase}/assertions/${IDS.badgr}?v=2_0`]: { platform: 'badgr', verdict: 'verified-untrusted' },
    },
  },
  linkedinAll: {
    url: 'https://www.linkedin.com/in/jane-doe-fixture/details/certifications/',
    candidates: {
      [assertionUrl(IDS.valid)]: { platform: 'credly' },
      [assertionUrl(IDS.revoked)]: { platform: 'credly' },
      [assertionUrl(IDS.tampered)]: { platform: 'credly' },
      [`${badgrBase}/assertions/${IDS.badgr}?v=2_0`]: { platform: 'badgr' },
      [obf.assertion.id]: { platform: 'open-badge-factory' },
      [MS_LEARN]: { platform: 'microsoft-learn', noVerifiableForm: true },
      [EDX]: { platform: 'edx', noVerifiableForm: true },
      [LI_LEARNING]: { platform: 'linkedin-learning', noVerifiableForm: true },
    },
  },
  pdf: {
    file: 'pages/jane-doe-cv.pdf',
    url: 'https://jobs.example.net/files/jane-doe-cv.pdf',
    candidates: {
      [assertionUrl(IDS.valid)]: {
        platform: 'credly',
        where: 'PDF page 1, text',
        verdict: 'verified-untrusted',
      },
      [`${badgrBase}/assertions/${IDS.badgr}?v=2_0`]: {
        platform: 'badgr',
        where: 'PDF page 1, link',
        verdict: 'verified-untrusted',
      },
      [COURSERA]: {
        platform: 'coursera',
        where: 'PDF page 1, text',
        verdict: 'unverifiable',
        noVerifiableForm: true,
      },
      [assertionUrl(IDS.revoked)]: { platform: 'credly', where: 'PDF page 2, QR code', verdict: 'revoked' },
      'attachment edc-diploma.jsonld': { platform: 'json-ld', where: 'attachment edc-diploma.jsonld' },
      'attachment northwind-data-analysis.json': {
        platform: 'json-ld',
        where: 'attachment northwind-data-analysis.json',
        verdict: 'verified-untrusted',
      },
    },
  },
  pages: {
    coursera: COURSERA,
    accredible: ACCREDIBLE,
    msLearn: MS_LEARN,
    edx: EDX,
    liLearning: LI_LEARNING,
    obf: OBF_PAGE,
    edubadges: EDU_PAGE,
  },
};
put('detect-expected.json', detectExpected);

// ---- mixed profile (issue 5): OB 3.0 from a registry issuer, did:key, revoked, tampered; an EDC ----
// TEST KEYS ONLY: Ed25519 seeds made for these fixtures (openssl rand -hex 32), committed on
// purpose; they protect nothing and must never sign anything real.
const MIX_SEEDS = {
  registryIssuer: '450cb74c79266a145f2792c073c0dff800a21bd7ecc24518109c9130bd509fda',
  didKeyIssuer: 'f69a98e25154b4f31d01d5b07227840bade839abbe11d63833884e264e2e4489',
};
const MIX_PROOF_TIME = '2025-02-03T09:00:00Z';
const TAILSPIN_HOST = 'credentials.example.edu';
const tailspinDid = `did:web:${TAILSPIN_HOST}`;
const tailspinVm = `${tailspinDid}#key-1`;
const tailspin = {
  id: tailspinDid,
  type: ['Profile'],
  name: 'Tailspin Institute of Technology (fixture)',
  url: `https://${TAILSPIN_HOST}`,
  address: { type: ['Address'], addressCountry: 'Netherlands', addressCountryCode: 'NL' },
};
const statusListUrl = `https://${TAILSPIN_HOST}/status/revocation`;
const REVOKED_INDEX = 9;
const statusEntry = (index) => ({
  id: `${statusListUrl}#${index}`,
  type: 'BitstringStatusListEntry',
  statusPurpose: 'revocation',
  statusListIndex: String(index),
  statusListCredential: statusListUrl,
});
function ob3Badge(id, issuerProfile, name, narrative, skill, extra = {}) {
  return {
    '@context': OB3_CONTEXT,
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: issuerProfile,
    validFrom: '2025-02-01T00:00:00Z',
    name,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          salt: 'mix-salt-1',
          identityHash: `sha256$${createHash('sha256').update('jane.doe@example.commix-salt-1').digest('hex')}`,
        },
      ],
      achievement: {
        id: `${id}/achievement`,
        type: ['Achievement'],
        name,
        description: `${name}: a fictional achievement for CredLens tests.`,
        criteria: { narrative },
        alignment: [
          {
            type: ['Alignment'],
            targetName: skill,
            targetFramework: 'ESCO',
            targetUrl: 'http://data.europa.eu/esco/skill/0d7a3b1a-2a8c-4c4b-8d2e-6a3c5a1b2c3d',
          },
        ],
      },
    },
    ...extra,
  };
}
const statusList = await signDi(
  {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: statusListUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: tailspinDid,
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: {
      id: `${statusListUrl}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: encodedList([REVOKED_INDEX]),
    },
  },
  MIX_SEEDS.registryIssuer,
  tailspinVm,
  MIX_PROOF_TIME,
);
const mixRegistry = await signDi(
  ob3Badge(
    'urn:uuid:5a1c0e2b-0001-4d3e-8f00-00000000a001',
    tailspin,
    'Research Data Stewardship',
    'Completed the data stewardship course and a graded data management plan.',
    'manage research data',
    { credentialStatus: statusEntry(3) },
  ),
  MIX_SEEDS.registryIssuer,
  tailspinVm,
  MIX_PROOF_TIME,
);
const mixRevoked = await signDi(
  ob3Badge(
    'urn:uuid:5a1c0e2b-0002-4d3e-8f00-00000000a002',
    tailspin,
    'Research Software Engineering',
    'Completed the research software engineering bootcamp.',
    'develop software',
    { credentialStatus: statusEntry(REVOKED_INDEX) },
  ),
  MIX_SEEDS.registryIssuer,
  tailspinVm,
  MIX_PROOF_TIME,
);
// Signed, then one field changed (the achievement's name): the proof no longer matches.
const mixTampered = structuredClone(
  await signDi(
    ob3Badge(
      'urn:uuid:5a1c0e2b-0003-4d3e-8f00-00000000a003',
      tailspin,
      'Machine Learning Operations',
      'Completed the MLOps practicum.',
      'use machine learning',
      { credentialStatus: statusEntry(4) },
    ),
    MIX_SEEDS.registryIssuer,
    tailspinVm,
    MIX_PROOF_TIME,
  ),
);
mixTampered.credentialSubject.achievement.name = 'Machine Learning Operations (with Honours)';
const didKeyMix = `did:key:${multikey(MIX_SEEDS.didKeyIssuer)}`;
const mixDidKey = await signDi(
  ob3Badge(
    'urn:uuid:5a1c0e2b-0004-4d3e-8f00-00000000a004',
    { id: didKeyMix, type: ['Profile'], name: 'Peer Learning Circle (fixture)' },
    'Peer Mentor',
    'Mentored three newcomers through a twelve-week study circle.',
    'mentor individuals',
  ),
  MIX_SEEDS.didKeyIssuer,
  `${didKeyMix}#${multikey(MIX_SEEDS.didKeyIssuer)}`,
  MIX_PROOF_TIME,
);
put('mix/did.json', didDocument(tailspinDid, MIX_SEEDS.registryIssuer));
route(`https://${TAILSPIN_HOST}/.well-known/did.json`, 'mix/did.json', 'application/did+json');
put('mix/status-revocation.json', statusList);
route(statusListUrl, 'mix/status-revocation.json', 'application/vc+ld+json');
const MIX = {
  registry: { url: `https://${TAILSPIN_HOST}/jane-doe/research-data-stewardship.vc.json`, doc: mixRegistry },
  revoked: {
    url: `https://${TAILSPIN_HOST}/jane-doe/research-software-engineering.vc.json`,
    doc: mixRevoked,
  },
  tampered: { url: `https://${TAILSPIN_HOST}/jane-doe/mlops.vc.json`, doc: mixTampered },
  didKey: { url: 'https://www.example.org/jane-doe/peer-mentor.vc.json', doc: mixDidKey },
};
for (const [name, { url, doc }] of Object.entries(MIX)) {
  put(`mix/ob3-${name}.json`, doc);
  route(url, `mix/ob3-${name}.json`, 'application/vc+ld+json');
}
// The DCC-format issuer registry (dcc-legacy): served at the DCC Member Registry's own address,
// but only while a test opens the gate (other specs expect that registry to be unreachable).
const DCC_REGISTRY_URL = 'https://digitalcredentials.github.io/dcc-registry/registry.json';
put('mix/dcc-registry.json', {
  meta: { created: '2025-01-01T00:00:00Z', updated: '2025-02-01T00:00:00Z' },
  registry: {
    [tailspinDid]: { name: tailspin.name, location: 'Utrecht, Netherlands', url: tailspin.url },
  },
});
routes.push({
  host: 'digitalcredentials.github.io',
  path: '/dcc-registry/registry.json',
  file: 'mix/dcc-registry.json',
  contentType: 'application/json',
  status: 200,
  gate: 'dcc-registry',
});
// The real signed EDC sample, served from ../shared/vectors (read in place by server.mjs).
const EDC_VECTOR =
  'ec-european-learning-model/Credentials/JSON-LD Examples (ELM v3)/Sample-MC-Annex1-signed.jsonld';
const EDC_URL = 'https://www.example.org/jane-doe/micro-credential-edc.jsonld';
// Kept out of routes.json (whose every entry names a file under generated/, as other tests read it).
const vectorRoutes = [
  {
    host: 'www.example.org',
    path: '/jane-doe/micro-credential-edc.jsonld',
    vector: EDC_VECTOR,
    contentType: 'application/ld+json',
    status: 200,
  },
];

const MIX_PROFILE_URL = 'https://www.linkedin.com/in/jane-doe-mixed/';
const mixPage = page(
  'Jane Doe (mixed credentials) | LinkedIn (fixture)',
  `<header>LinkedIn (fixture) · profile with a mix of credentials</header>
<main>
<section><h2>Jane Doe</h2><p>Research data engineer · Utrecht, Netherlands</p></section>
<section id="licenses-and-certifications"><h2>Licenses &amp; certifications</h2>
<ul>
<li><a href="${MIX.registry.url}">Research Data Stewardship</a> · Tailspin Institute of Technology · Open Badge 3.0</li>
<li><a href="${MIX.didKey.url}">Peer Mentor</a> · Peer Learning Circle · Open Badge 3.0</li>
<li><a href="${MIX.revoked.url}">Research Software Engineering</a> · Tailspin Institute of Technology · Open Badge 3.0</li>
<li><a href="${MIX.tampered.url}">Machine Learning Operations (with Honours)</a> · Tailspin Institute of Technology · Open Badge 3.0</li>
<li><a href="${EDC_URL}">Digital micro-credential creation</a> · European Digital Credential (sealed file)</li>
</ul></section>
</main>`,
);
put('pages/linkedin-mixed.html', mixPage);
route(MIX_PROFILE_URL, 'pages/linkedin-mixed.html', 'text/html; charset=utf-8');

put('routes.json', routes);
put('vector-routes.json', vectorRoutes);
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
  profileMix: {
    url: MIX_PROFILE_URL,
    registry: {
      url: DCC_REGISTRY_URL,
      sourceId: 'dcc-member',
      gate: 'dcc-registry',
      issuerId: tailspinDid,
      issuerName: tailspin.name,
    },
    credentials: {
      // Signature valid, key published by the issuer's domain (A2); once the registry lists the
      // issuer: verified, A3, with a registry trust hit.
      registry: {
        url: MIX.registry.url,
        title: mixRegistry.name,
        verdict: 'verified-untrusted',
        authenticity: 'A2',
        listed: { verdict: 'verified', authenticity: 'A3' },
      },
      // A bare did:key: authentic bytes, but tied to no organisation (A1).
      didKey: {
        url: MIX.didKey.url,
        title: mixDidKey.name,
        verdict: 'verified-untrusted',
        authenticity: 'A1',
      },
      // Revoked (status list bit set); authenticity follows the issuer, so A3 once it is listed.
      revoked: {
        url: MIX.revoked.url,
        title: mixRevoked.name,
        verdict: 'revoked',
        authenticity: 'A2',
        listed: { verdict: 'revoked', authenticity: 'A3' },
      },
      tampered: { url: MIX.tampered.url, verdict: 'invalid', authenticity: 'A0' },
      // The sample's seal certificate expired on 2025-05-10 and its time-stamps come from a TSA no
      // trusted list names, so the time of sealing is not proven: verified-untrusted, A1 (not a
      // qualified result). It states 2 ECTS and EQF level 6.
      edc: {
        url: EDC_URL,
        vector: EDC_VECTOR,
        title: 'Digital micro-credential creation',
        verdict: 'verified-untrusted',
        authenticity: 'A1',
        ects: 2,
        eqf: 6,
      },
    },
  },
});
console.log(`wrote ${Object.keys(files).length} files to ${out}`);
