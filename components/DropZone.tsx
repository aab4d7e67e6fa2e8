import { useRef, useState } from 'preact/hooks';
import { t } from './i18n';

interface Props {
  busy: boolean;
  onFile: (file: File) => void;
  onUrl: (url: string) => void;
}

/**
 * Check a credential the user has: drop or pick a file (PNG, SVG, JSON, JWS, EDC XML; or a CV
 * as PDF or HTML, whose credentials are listed), or paste a URL.
 */
export function DropZone({ busy, onFile, onUrl }: Props) {
  const [over, setOver] = useState(false);
  const [url, setUrl] = useState('');
  const input = useRef<HTMLInputElement>(null);

  return (
    <section class="check-another" aria-labelledby="h-check">
      <h2 id="h-check">{t('report_check')}</h2>
      <div
        class={`drop${over ? ' drop--over' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const file = e.dataTransfer?.files[0];
          if (file !== undefined) onFile(file);
        }}
      >
        <p>
          {t('drop_hint')}{' '}
          <button type="button" class="link-button" disabled={busy} onClick={() => input.current?.click()}>
            {t('drop_choose')}
          </button>
          .
        </p>
        <input
          ref={input}
          class="visually-hidden"
          type="file"
          accept=".png,.svg,.json,.jsonld,.jws,.jwt,.txt,.xml,.pdf,.html,.htm,image/png,image/svg+xml,application/json,application/xml,text/xml,application/pdf,text/html"
          data-testid="file-input"
          aria-label={t('drop_fileLabel')}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file !== undefined) onFile(file);
            e.currentTarget.value = '';
          }}
        />
      </div>
      <form
        class="url-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim() !== '') onUrl(url.trim());
        }}
      >
        <label for="cred-url">{t('drop_urlLabel')}</label>
        <input
          id="cred-url"
          type="url"
          placeholder="https://www.credly.com/badges/…"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
          data-testid="url-input"
        />
        <button type="submit" disabled={busy || url.trim() === ''}>
          {t('drop_submit')}
        </button>
      </form>
      {busy && (
        <p class="muted" role="status">
          {t('popup_checking')}
        </p>
      )}
    </section>
  );
}
