/**
 * The printable verification record (components/export-record.ts): every part a recruiter files is
 * in it (verdict and summary, levels with evidence, learner, issuer, dates, all EU standard
 * elements, checks, addresses contacted, time of the check, trust data versions), in the reader's
 * language, laid out for A4, with every value escaped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecord, renderRecordHtml } from '../../components/export-record';
import type { StandardElement, VerificationReport } from '../../lib/model/report';
import de from '../../public/_locales/de/messages.json';

const present = (
  key: StandardElement['key'],
  label: string,
  values: string[],
  source: string,
): StandardElement => ({ key, label, mandatory: true, status: 'present', values, source });

function report(): VerificationReport {
  return {
    version: '1.0',
    verdict: 'verified-untrusted',
    summary: 'Unchanged since it was signed; the issuer is not on your lists.',
    format: { id: 'edc-jades', label: 'European Digital Credential (JAdES seal)', container: 'json' },
    authenticity: { level: 'A2', evidence: ['Sealed with a certificate issued to ORGANIZACION TEST.'] },
    qualityAssurance: { level: 'Q1', evidence: ['Accreditation claimed in the credential: ANECA.'] },
    checks: [
      { id: 'proof.signature', status: 'passed', code: 'OK_SIG', message: 'The seal matches the content.' },
      {
        id: 'status.revocation',
        status: 'warning',
        code: 'WARN_X',
        message: 'The revocation list could not be reached.',
      },
    ],
    issuer: { name: 'ORGANIZACION TEST', nameSource: 'issuer' },
    trust: [],
    credential: {
      title: 'Digital micro-credential creation',
      issuedOn: '2023-09-27T13:54:17+02:00',
      expires: '2030-06-30T00:00:00+02:00',
      recipient: 'did:key:z6MkLearnerKey',
    },
    elements: [
      present('learner', 'Identification of the learner', ['Ana Andromeda'], 'credential.credentialSubject'),
      present(
        'awardingBody',
        'Awarding body',
        ['University of Zed'],
        'credentialSubject.hasClaim.awardedBy.awardingBody.legalName',
      ),
      present('issuedOn', 'Date of issuing', ['2023-09-27T13:54:17+02:00'], 'credential.issued'),
      present(
        'workload',
        'Notional workload',
        ['2 ECTS credits', '60 hours'],
        'credentialSubject.hasClaim.specifiedBy.creditPoint',
      ),
      {
        key: 'qualityAssurance',
        label: 'Type of quality assurance',
        mandatory: true,
        status: 'missing',
        note: 'Not stated in the credential.',
      },
      {
        key: 'supervision',
        label: 'Supervision and identity verification',
        mandatory: false,
        status: 'not-expressible',
        note: 'No field.',
      },
    ],
    differences: [],
    contacted: [
      { url: 'https://status.example.eu/list/7', purpose: 'revocation list', error: 'ERR_NET_TIMEOUT' },
      { url: 'https://trust.example.eu/lotl.xml', purpose: 'EU trusted list', status: 200, cached: true },
    ],
    checkedAt: '2026-12-07T09:41:00.000Z',
    evaluatedAt: '2026-12-07T09:41:00.000Z',
    source: 'https://europa.eu/europass/share/<x>',
    trustData: [
      {
        sourceId: 'eu-lotl',
        label: 'EU trusted lists (eIDAS)',
        version: 'LOTL 391',
        fetchedAt: '2026-12-06T10:00:00Z',
        stale: true,
      },
    ],
  };
}

const g = globalThis as { chrome?: unknown };
afterEach(() => {
  delete g.chrome;
});

describe('the printable record', () => {
  const rec = buildRecord([report()], { now: new Date('2026-12-07T10:00:00Z'), version: '0.1.0' });
  const html = renderRecordHtml(rec, { lang: 'en-GB' });

  it('the JSON record carries the learner, dates, every element, the addresses contacted', () => {
    const c = rec.credentials[0];
    expect(c).toMatchObject({
      learner: 'did:key:z6MkLearnerKey',
      issuedOn: '2023-09-27T13:54:17+02:00',
      expires: '2030-06-30T00:00:00+02:00',
      awardedBy: 'University of Zed',
      format: 'European Digital Credential (JAdES seal)',
    });
    expect(c?.elements.map((e) => [e.key, e.status])).toEqual([
      ['learner', 'present'],
      ['awardingBody', 'present'],
      ['issuedOn', 'present'],
      ['workload', 'present'],
      ['qualityAssurance', 'missing'],
      ['supervision', 'not-expressible'],
    ]);
    expect(c?.contacted).toHaveLength(2);
  });

  it('title, the headline and its sentence, and the three answers', () => {
    expect(html).toContain('<h2>Digital micro-credential creation</h2>');
    expect(html).toContain(
      '<strong>Authentic, issuer not on your lists</strong> — Authentic and valid: issued by ORGANIZACION TEST, identified by its certificate. None of your trust lists names this issuer. But CredLens could not confirm now that it has not been revoked.',
    );
    // The three questions, answered in the record too.
    expect(html).toContain('Still valid?');
    expect(html).toContain('Within its dates, but revocation could not be confirmed now.');
  });

  it('the levels with their evidence ("A2 — …: evidence")', () => {
    expect(html).toContain(
      '<strong>A2</strong> — Issuer bound to a domain or certificate: Sealed with a certificate issued to ORGANIZACION TEST.',
    );
    expect(html).toContain(
      '<strong>Q1</strong> — Quality assurance claimed, not corroborated: Accreditation claimed in the credential: ANECA.',
    );
  });

  it('learner (a holder key, its DID beside it), issuer and awarding body, dates in words, the time of the check', () => {
    expect(html).toContain('holder key (DID)<br><code class="url">did:key:z6MkLearnerKey</code>');
    expect(html).toContain('Sealed by ORGANIZACION TEST · awarded by University of Zed');
    expect(html).toContain('27 September 2023');
    expect(html).toContain('30 June 2030');
    expect(html).toMatch(/7 December 2026 at \d\d:41/);
    // Raw ISO text only in the machine-readable copy, not in what people read.
    expect(html.replace(/<script type="application\/json"[\s\S]*?<\/script>/, '')).not.toContain(
      '2023-09-27T13:54:17',
    );
  });

  it('every standard element with its status and values, missing ones too', () => {
    expect(html).toContain('data-key="workload" data-status="present"');
    expect(html).toContain('<div>2 ECTS credits</div><div>60 hours</div>');
    expect(html).toMatch(
      /data-key="qualityAssurance" data-status="missing"><th scope="row">Type of quality assurance<\/th><td class="status">Missing<\/td>/,
    );
    expect(html).toContain('Not in this format');
    expect(html).toContain('<code>credentialSubject.hasClaim.specifiedBy.creditPoint</code>');
  });

  it('the checks with their messages, the addresses contacted, the trust data versions', () => {
    expect(html).toContain(
      '<td class="status">Warning</td><td>The revocation list could not be reached. <code>status.revocation</code>',
    );
    expect(html).toContain(
      'revocation list: <code class="url">https://status.example.eu/list/7</code> <span class="muted">ERR_NET_TIMEOUT</span>',
    );
    expect(html).toContain('HTTP 200 · from the cache');
    expect(html).toContain('EU trusted lists (eIDAS) — LOTL 391 (6 December 2026) (list out of date)');
  });

  it('is laid out for A4 and escapes every value', () => {
    expect(html).toContain('@page{size:A4');
    expect(html).toContain('.cred+.cred{break-before:page}');
    expect(html).toContain('https://europa.eu/europass/share/&#60;x&#62;');
    expect(html).not.toContain('<x>');
    expect(html).not.toMatch(/<script(?! type="application\/json")/);
    expect(html).toContain('<html lang="en-GB">');
  });

  it('an odd language tag cannot break out of the attribute', () => {
    expect(renderRecordHtml(rec, { lang: 'en"><script>' })).toContain('<html lang="en">');
  });

  it('in the reader’s language (German UI)', () => {
    const messages = de as Record<string, { message: string }>;
    g.chrome = {
      i18n: {
        getMessage: (key: string, subs: string[] = []) =>
          (messages[key]?.message ?? '').replace(
            /\$(\d)/g,
            (_m: string, n: string) => subs[Number(n) - 1] ?? '',
          ),
      },
    };
    const german = renderRecordHtml(rec, { lang: 'de' });
    expect(german).toContain('<html lang="de">');
    expect(german).toContain('27. September 2023');
    expect(german).toContain('Gesiegelt von ORGANIZACION TEST · verliehen von University of Zed');
    expect(german).toContain('Fiktiver Arbeitsaufwand');
    expect(german).toContain(messages['export_title']?.message ?? '?');
  });
});
