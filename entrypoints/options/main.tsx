/** Options page: trust sources (status, age, refresh now), own allow/deny lists, privacy, clear cached data. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t, setDocumentLanguage } from '../../components/i18n';
import { OwnListsEditor } from '../../components/OwnListsEditor';
import { SourcesTable, type SourceRow } from '../../components/SourcesTable';
import '../../components/styles.css';
import {
  bumpTrustRevision,
  readSettings,
  refreshTrustSources,
  saveOwnLists,
  saveUserSettings,
  seedBundledSources,
  type OwnLists,
  type SettingsSnapshot,
} from '../../lib/extension/settings';
import type { UserSettings } from '../../lib/extension/settings-policy';
import { parseSignerCertificates } from '../../lib/trust/eu/signers';
import { toPem } from '../../lib/x509/bytes';
import { openTrustDb } from '../../lib/extension/trust-db';
import { bundledDeqarState, SOURCE_CATALOG } from '../../lib/trust/catalog';
import type { SourceState } from '../../lib/trust/source-state';

const local = browser.storage.local;
const db = openTrustDb();

function Options() {
  const [snap, setSnap] = useState<SettingsSnapshot | null>(null);
  const [states, setStates] = useState<SourceState[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deqarUrl, setDeqarUrl] = useState('');
  const [lotlUrl, setLotlUrl] = useState('');
  const [lotlSigners, setLotlSigners] = useState('');
  const [lotlError, setLotlError] = useState<string | null>(null);

  const load = async () => {
    const s = await readSettings(local);
    setSnap(s);
    setDeqarUrl(s.effective.deqarSnapshotUrl ?? '');
    setLotlUrl(s.effective.euLotlUrl ?? '');
    setLotlSigners((s.effective.euLotlSigners ?? []).map(toPem).join('\n'));
    setStates(await seedBundledSources(db, await db.all()));
  };
  useEffect(() => {
    void load();
    document.title = t('options_title');
  }, []);
  if (snap === null) return <main class="page" aria-busy="true" />;

  const now = new Date();
  const locked = (k: string) => snap.locked.has(k as never);
  const rows: SourceRow[] = SOURCE_CATALOG.map((def) => ({
    def,
    state: states.find((s) => s.id === def.id) ?? (def.kind === 'deqar' ? bundledDeqarState(now) : undefined),
    enabled: snap.effective.sources[def.id] ?? def.defaultEnabled,
    locked: locked(`sources.${def.id}`),
  }));

  const saveSettings = async (next: UserSettings) => {
    await saveUserSettings(local, next);
    await load();
  };
  const refresh = async (id?: string, settings: UserSettings = snap.effective) => {
    setBusy(id ?? 'all');
    await refreshTrustSources(db, settings, id === undefined ? {} : { only: id });
    await bumpTrustRevision(local);
    setBusy(null);
    await load();
  };
  const saveLists = async (next: OwnLists): Promise<string | null> => {
    const r = await saveOwnLists(local, next);
    await load();
    return r.ok ? null : r.error;
  };
  const clear = async () => {
    await db.clear();
    await browser.storage.session.clear().catch(() => undefined);
    await bumpTrustRevision(local);
    setNotice(t('options_cleared'));
    await load();
  };
  const toggle = (key: 'autoVerify' | 'onlineRegistries' | 'autoRefresh') => (
    <label class="check-row">
      <input
        type="checkbox"
        data-testid={`privacy-${key}`}
        checked={snap.effective[key]}
        disabled={locked(key)}
        onChange={(e) => void saveSettings({ ...snap.user, [key]: e.currentTarget.checked })}
      />
      <span>
        {t(`options_${key === 'onlineRegistries' ? 'online' : key}`)}
        {locked(key) && <span class="muted small"> — {t('options_lockedBy')}</span>}
      </span>
    </label>
  );

  return (
    <main class="page options">
      <div class="topbar">
        <span class="brand">CredLens</span>
        <span class="muted small">{t('options_title')}</span>
      </div>
      <h1>{t('options_title')}</h1>
      {snap.policy !== null && (
        <p class="notice" data-testid="policy-banner">
          {t('options_policy')}
        </p>
      )}
      {snap.policyErrors.length > 0 && (
        <p class="error">{t('options_policyErrors', snap.policyErrors.join('; '))}</p>
      )}

      <section aria-labelledby="h-sources">
        <h2 id="h-sources">{t('options_sources')}</h2>
        <p class="muted">{t('options_sourcesIntro')}</p>
        <SourcesTable
          rows={rows}
          now={now}
          busy={busy}
          onToggle={(id, on) =>
            void saveSettings({ ...snap.user, sources: { ...snap.user.sources, [id]: on } })
          }
          onRefresh={(id) => void refresh(id)}
        />
        <p>
          <button
            type="button"
            data-testid="refresh-all"
            disabled={busy !== null}
            onClick={() => void refresh()}
          >
            {busy === 'all' ? t('options_refreshing') : t('options_refreshAll')}
          </button>
        </p>
      </section>

      <section aria-labelledby="h-own">
        <h2 id="h-own">{t('options_ownLists')}</h2>
        <p class="muted">{t('options_ownIntro')}</p>
        {snap.ownError !== undefined && <p class="error">{snap.ownError}</p>}
        <OwnListsEditor lists={snap.own} locked={locked('ownLists')} onSave={saveLists} />
        {snap.policy !== null && snap.policy.allow.length + snap.policy.deny.length > 0 && (
          <details data-testid="policy-entries">
            <summary>{t('options_policyEntries')}</summary>
            <ul class="small">
              {snap.policy.allow.map((e) => (
                <li key={`a${e.id}`}>
                  {t('options_allow')}: <code>{e.id}</code> {e.name}
                </li>
              ))}
              {snap.policy.deny.map((e) => (
                <li key={`d${e.id}`}>
                  {t('options_deny')}: <code>{e.id}</code> {e.name}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>

      <section aria-labelledby="h-privacy">
        <h2 id="h-privacy">{t('options_privacy')}</h2>
        {toggle('autoVerify')}
        {toggle('onlineRegistries')}
        {toggle('autoRefresh')}
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const next: UserSettings = { ...snap.user };
            if (/^https:\/\//.test(deqarUrl)) next.deqarSnapshotUrl = deqarUrl;
            else delete next.deqarSnapshotUrl;
            void saveSettings(next);
          }}
        >
          <label>
            {t('options_deqarUrl')}
            <input
              type="url"
              data-testid="deqar-url"
              value={deqarUrl}
              disabled={locked('deqarSnapshotUrl')}
              pattern="https://.*"
              onInput={(e) => setDeqarUrl(e.currentTarget.value)}
            />
          </label>
          <button type="submit" data-testid="deqar-url-save" disabled={locked('deqarSnapshotUrl')}>
            {t('options_saveUrl')}
          </button>
        </form>
      </section>

      <section aria-labelledby="h-eu-lotl">
        <h2 id="h-eu-lotl">{t('options_euLotl')}</h2>
        <p class="muted">{t('options_euLotlIntro')}</p>
        <form
          class="stacked-form"
          data-testid="eu-lotl-form"
          onSubmit={(e) => {
            e.preventDefault();
            const next: UserSettings = { ...snap.user };
            const url = lotlUrl.trim();
            if (url !== '' && !/^https:\/\/\S+$/.test(url))
              return setLotlError(t('options_euLotlError', 'https address expected'));
            if (url === '') delete next.euLotlUrl;
            else next.euLotlUrl = url;
            if (lotlSigners.trim() === '') delete next.euLotlSigners;
            else {
              const certs = parseSignerCertificates(lotlSigners);
              if (!certs.ok) return setLotlError(t('options_euLotlError', certs.error));
              next.euLotlSigners = certs.certs;
            }
            setLotlError(null);
            void (async () => {
              await saveUserSettings(local, next);
              const s = await readSettings(local);
              setSnap(s);
              await refresh('eu-lotl', s.effective);
            })();
          }}
        >
          <label>
            {t('options_euLotlUrl')}
            <input
              type="url"
              data-testid="eu-lotl-url"
              value={lotlUrl}
              disabled={locked('euLotlUrl')}
              placeholder="https://ec.europa.eu/tools/lotl/eu-lotl.xml"
              onInput={(e) => setLotlUrl(e.currentTarget.value)}
            />
          </label>
          <label>
            {t('options_euLotlSigners')}
            <textarea
              data-testid="eu-lotl-signers"
              rows={4}
              spellcheck={false}
              value={lotlSigners}
              disabled={locked('euLotlSigners')}
              onInput={(e) => setLotlSigners(e.currentTarget.value)}
            />
          </label>
          <button
            type="submit"
            data-testid="eu-lotl-save"
            disabled={(locked('euLotlUrl') && locked('euLotlSigners')) || busy !== null}
          >
            {t('options_euLotlSave')}
          </button>
          {lotlError !== null && (
            <p role="alert" data-testid="eu-lotl-error">
              {lotlError}
            </p>
          )}
        </form>
      </section>

      <section aria-labelledby="h-clear">
        <h2 id="h-clear">{t('options_clear')}</h2>
        <p class="muted">{t('options_clearIntro')}</p>
        <button type="button" data-testid="clear-cache" onClick={() => void clear()}>
          {t('options_clear')}
        </button>
        {notice !== null && (
          <p role="status" data-testid="clear-status">
            {notice}
          </p>
        )}
      </section>
    </main>
  );
}

const root = document.getElementById('app');
setDocumentLanguage();
if (root !== null) render(<Options />, root);
