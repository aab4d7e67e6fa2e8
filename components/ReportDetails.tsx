import { Fragment } from 'preact';
import type {
  ContactedUrl,
  Difference,
  IssuerInfo,
  PlatformAttestation,
  TrustDataVersion,
  TrustHit,
} from '../lib/model/report';
import { t } from './i18n';
import { readableDate } from './readable';

/** Where the issuer's name comes from, in the reader's language. */
export function nameSourceText(source: NonNullable<IssuerInfo['nameSource']>): string {
  if (source === 'trust-source') return t('issuer_nameFrom_trust_source');
  if (source === 'self-declared') return t('issuer_nameFrom_self_declared');
  return t('issuer_nameFrom_issuer');
}

/** Issuer details as the credential states them, plus any trust-list hits. */
export function IssuerDetails({
  issuer,
  trust,
  platform,
}: {
  issuer: IssuerInfo;
  trust: TrustHit[];
  platform?: PlatformAttestation;
}) {
  const rows: Array<[string, string | undefined]> = [
    ['Name', issuer.name],
    [
      t('issuer_nameFromLabel'),
      issuer.nameSource === undefined ? undefined : nameSourceText(issuer.nameSource),
    ],
    ['Identifier', issuer.id],
    ['Website', issuer.url],
    ['E-mail', issuer.email],
    ['Profile fetched from', issuer.fetchedFrom],
  ];
  return (
    <>
      <dl class="kv" data-testid="issuer">
        {rows
          .filter((r): r is [string, string] => r[1] !== undefined)
          .map(([k, v]) => (
            <Fragment key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </Fragment>
          ))}
      </dl>
      {trust.length > 0 ? (
        <ul class="trust" data-testid="trust-hits">
          {trust.map((h, i) => (
            <li
              key={i}
              class={`trust--${h.list}`}
              data-testid="trust-hit"
              data-list={h.list}
              data-kind={h.kind ?? 'org'}
            >
              <span aria-hidden="true">{h.list === 'allow' ? '✔ ' : '✖ '}</span>
              {h.list === 'allow' ? t('issuer_onList', h.sourceLabel) : t('issuer_denied', h.sourceLabel)}
              {h.entryName !== undefined ? ` — ${h.entryName}` : ''}
              {h.stale === true ? ` ${t('issuer_stale')}` : ''}
              {h.evidence !== undefined && <span class="muted small block">{h.evidence}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('issuer_noList')}</p>
      )}
      {platform !== undefined && (
        <p class="platform" data-testid="platform-attestation" data-platform={platform.platform}>
          <strong>{t('issuer_platform')}:</strong> {platform.statement}
        </p>
      )}
    </>
  );
}

/** Fields where the copy you have (baked image, file) differs from the issuer's hosted copy. */
export function Differences({ differences }: { differences: Difference[] }) {
  if (differences.length === 0)
    return <p class="muted">No differences between the copy checked and the hosted copy.</p>;
  return (
    <table class="diffs" data-testid="differences">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">In the copy you have</th>
          <th scope="col">Hosted by the issuer</th>
        </tr>
      </thead>
      <tbody>
        {differences.map((d, i) => (
          <tr key={i}>
            <th scope="row">
              <code>{d.path}</code>
            </th>
            <td>{d.given ?? '—'}</td>
            <td>{d.hosted ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every URL contacted during the check, with why and what came back. */
export function ContactedUrls({ contacted }: { contacted: ContactedUrl[] }) {
  if (contacted.length === 0) return <p class="muted">{t('report_noRequests')}</p>;
  return (
    <ul class="contacted" data-testid="contacted">
      {contacted.map((c, i) => (
        <li key={i}>
          <span class="contacted__purpose">{c.purpose}</span> <code class="url">{c.url}</code>{' '}
          <span class="muted">
            {[c.status !== undefined ? `HTTP ${c.status}` : undefined, c.error]
              .filter((x) => x !== undefined)
              .join(' · ')}
            {c.cached === true ? ` (${t('report_cached')})` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The trust and QA data versions a report relied on (for HR records). */
export function TrustDataList({ versions }: { versions: TrustDataVersion[] }) {
  if (versions.length === 0) return <p class="muted">—</p>;
  return (
    <ul class="trust-data" data-testid="trust-data">
      {versions.map((v) => (
        <li key={v.sourceId}>
          {v.label}
          {v.version !== undefined ? ` — ${v.version}` : ''}
          {v.fetchedAt !== undefined ? ` (${readableDate(v.fetchedAt)})` : ''}
          {v.stale === true ? ` ${t('issuer_stale')}` : ''}
        </li>
      ))}
    </ul>
  );
}
