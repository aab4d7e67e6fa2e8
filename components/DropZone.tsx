import { useRef, useState } from 'preact/hooks';

interface Props {
  busy: boolean;
  onFile: (file: File) => void;
  onUrl: (url: string) => void;
}

/** Check a credential the user has: drop or pick a file (PNG, SVG, JSON, JWS), or paste a URL. */
export function DropZone({ busy, onFile, onUrl }: Props) {
  const [over, setOver] = useState(false);
  const [url, setUrl] = useState('');
  const input = useRef<HTMLInputElement>(null);

  return (
    <section class="check-another" aria-labelledby="h-check">
      <h2 id="h-check">Check a credential</h2>
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
          Drop a badge image or credential file here (PNG, SVG, JSON, JWS), or{' '}
          <button type="button" class="link-button" disabled={busy} onClick={() => input.current?.click()}>
            choose a file
          </button>
          .
        </p>
        <input
          ref={input}
          class="visually-hidden"
          type="file"
          accept=".png,.svg,.json,.jsonld,.jws,.jwt,.txt,image/png,image/svg+xml,application/json"
          data-testid="file-input"
          aria-label="Credential file"
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
        <label for="cred-url">Or the credential's URL</label>
        <input
          id="cred-url"
          type="url"
          placeholder="https://www.credly.com/badges/…"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
          data-testid="url-input"
        />
        <button type="submit" disabled={busy || url.trim() === ''}>
          Check
        </button>
      </form>
      {busy && (
        <p class="muted" role="status">
          Checking…
        </p>
      )}
    </section>
  );
}
