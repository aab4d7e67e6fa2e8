import type { CredentialPart, IssuerRendering } from '../lib/model/report';
import { t } from './i18n';

/** What the credential is made of: claims and their parts as a nested list. */
export function PartsTree({ parts }: { parts: readonly CredentialPart[] }) {
  return (
    <ul class="parts" data-testid="parts">
      {parts.map((p) => (
        <li data-testid="part" key={p.source}>
          <strong>{p.title}</strong>
          {p.kind !== undefined && <span class="muted small"> · {p.kind}</span>}
          {p.details !== undefined && <span class="small"> · {p.details.join(' · ')}</span>}
          {p.parts !== undefined && p.parts.length > 0 && <PartsTree parts={p.parts} />}
        </li>
      ))}
    </ul>
  );
}

/** The issuer's own picture of the credential, clearly set apart from the verdict. */
export function IssuerRenderingView({ images }: { images: readonly IssuerRendering[] }) {
  return (
    <div class="rendering" data-testid="issuer-rendering">
      <p class="caution">{t('report_renderingNote')}</p>
      {images.map((img, i) => (
        <figure key={img.source + i}>
          <img
            src={img.dataUrl}
            alt={t('report_renderingAlt', String(img.page ?? i + 1))}
            loading="lazy"
            style="max-width:100%;border:1px solid #ccd"
          />
          <figcaption class="muted small">
            {t('report_renderingCaption', String(img.page ?? i + 1))} <code>{img.source}</code>
          </figcaption>
        </figure>
      ))}
    </div>
  );
}
