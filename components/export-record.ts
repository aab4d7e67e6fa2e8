/**
 * The verification record for HR files: what was checked, when, the verdicts, the evidence and the
 * versions of the trust data used. JSON (machine-readable) and a printable HTML page (escaped text only).
 */
import type { VerificationReport } from '../lib/model/report';

export const RECORD_FORMAT = 'credlens-verification-record/1';

export interface VerificationRecord {
  format: typeof RECORD_FORMAT;
  createdAt: string;
  tool: { name: 'CredLens'; version: string };
  /** The page the credentials were found on, when a whole profile is exported. */
  page?: string;
  credentials: {
    title?: string;
    issuer?: string;
    source: string;
    checkedAt: string;
    verdict: VerificationReport['verdict'];
    summary: string;
    authenticity: VerificationReport['authenticity'];
    qualityAssurance: VerificationReport['qualityAssurance'];
    checks: { id: string; status: string; message: string }[];
    trust: VerificationReport['trust'];
    platform?: string;
    trustData: NonNullable<VerificationReport['trustData']>;
  }[];
}

/** Builds the record from reports (plain JSON). */
export function buildRecord(reports: readonly VerificationReport[], meta: { now: Date; version: string; page?: string }): VerificationRecord {
  return {
    format: RECORD_FORMAT,
    createdAt: meta.now.toISOString(),
    tool: { name: 'CredLens', version: meta.version },
    ...(meta.page === undefined ? {} : { page: meta.page }),
    credentials: reports.map((r) => {
      const issuer = r.issuer.name ?? r.issuer.id;
      return {
        ...(r.credential.title === undefined ? {} : { title: r.credential.title }),
        ...(issuer === undefined ? {} : { issuer }),
        source: r.source,
        checkedAt: r.checkedAt,
        verdict: r.verdict,
        summary: r.summary,
        authenticity: r.authenticity,
        qualityAssurance: r.qualityAssurance,
        checks: r.checks.map((c) => ({ id: c.id, status: c.status, message: c.message })),
        trust: r.trust,
        ...(r.platform === undefined ? {} : { platform: r.platform.statement }),
        trustData: r.trustData ?? [],
      };
    }),
  };
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained printable page (no scripts; every value escaped). */
export function renderRecordHtml(rec: VerificationRecord, labels: { title: string; generated: string; verdict: (v: string) => string }): string {
  const items = rec.credentials
    .map(
      (c) => `<section class="cred" data-verdict="${esc(c.verdict)}">
<h2>${esc(c.title ?? '—')}</h2>
<p class="verdict"><strong>${esc(labels.verdict(c.verdict))}</strong> — ${esc(c.summary)}</p>
<dl><dt>Issuer</dt><dd>${esc(c.issuer ?? '—')}</dd><dt>Source</dt><dd>${esc(c.source)}</dd><dt>Checked</dt><dd>${esc(c.checkedAt)}</dd>
<dt>Authenticity</dt><dd>${esc(c.authenticity.level)}: ${esc(c.authenticity.evidence.join(' '))}</dd>
<dt>Quality assurance</dt><dd>${esc(c.qualityAssurance.level)}: ${esc(c.qualityAssurance.evidence.join(' '))}</dd>
${c.platform ? `<dt>Platform</dt><dd>${esc(c.platform)}</dd>` : ''}
<dt>Trust data</dt><dd>${esc(c.trustData.map((v) => `${v.label}${v.version ? ` ${v.version}` : ''}${v.stale ? ' (stale)' : ''}`).join('; ') || '—')}</dd></dl>
<ol class="checks">${c.checks.map((k) => `<li>${esc(k.status)}: ${esc(k.message)} <code>${esc(k.id)}</code></li>`).join('')}</ol>
</section>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(labels.title)}</title>
<style>body{font:13px/1.45 system-ui,sans-serif;margin:2em;color:#1d2125}h1{font-size:1.4em}h2{font-size:1.1em;margin:0 0 .3em}.cred{border:1px solid #ccc;border-radius:6px;padding:1em;margin:1em 0;break-inside:avoid}dt{font-weight:600;float:left;clear:left;width:10em}dd{margin:0 0 .3em 10.5em}code{font-size:11px;color:#555}.meta{color:#555}</style>
</head><body><h1>${esc(labels.title)}</h1><p class="meta">${esc(labels.generated)}${rec.page ? ` — ${esc(rec.page)}` : ''}</p>
${items}
<script type="application/json" id="record">${esc(JSON.stringify(rec))}</script>
</body></html>`;
}

/** Offers a file download from an extension page. */
export function downloadText(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Opens the printable page in a new tab. */
export function openPrintable(html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  window.open(url, '_blank', 'noopener');
}
