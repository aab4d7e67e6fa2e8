import type { VerificationReport } from '../lib/model/report';
import { buildRecord, downloadText, openPrintable, renderRecordHtml } from './export-record';
import { t, uiLanguage } from './i18n';

function version(): string {
  const g = globalThis as { chrome?: { runtime?: { getManifest?: () => { version?: string } } } };
  try {
    return g.chrome?.runtime?.getManifest?.().version ?? 'dev';
  } catch {
    return 'dev';
  }
}

/** "Download record (JSON)" and "Printable record" for one report or a whole profile. */
export function ExportButtons(p: { reports: VerificationReport[]; page?: string; testIdPrefix?: string }) {
  const make = () =>
    buildRecord(p.reports, {
      now: new Date(),
      version: version(),
      ...(p.page === undefined ? {} : { page: p.page }),
    });
  const prefix = p.testIdPrefix ?? 'export';
  return (
    <p class="export">
      <button
        type="button"
        data-testid={`${prefix}-json`}
        disabled={p.reports.length === 0}
        onClick={() => {
          const rec = make();
          downloadText(
            `credlens-record-${rec.createdAt.slice(0, 19).replace(/[:T]/g, '-')}.json`,
            'application/json',
            `${JSON.stringify(rec, null, 2)}\n`,
          );
        }}
      >
        {t('export_json')}
      </button>{' '}
      <button
        type="button"
        data-testid={`${prefix}-print`}
        disabled={p.reports.length === 0}
        onClick={() => {
          const rec = make();
          openPrintable(renderRecordHtml(rec, { lang: uiLanguage() }));
        }}
      >
        {t('export_print')}
      </button>
    </p>
  );
}
