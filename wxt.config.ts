import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// CredLens extension build (WXT, Manifest V3 for Chromium and Firefox).
// `imports: false`: no auto-imports anywhere, every dependency is a visible import line.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    // UI strings come from public/_locales (en, de, fr, es); English is the fallback.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // An administrator's policy (storage.managed) is validated against this schema by Chromium;
    // lib/extension/settings-policy.ts validates it again (untrusted input). No new permission:
    // storage.managed comes with `storage`. The options page needs none either (IndexedDB, storage).
    storage: { managed_schema: 'managed-schema.json' },
    // Only `storage` (storage.session for per-tab reports, storage.local for the
    // organisation's allow/deny list). No `tabs`: the host permission below already
    // exposes tab URLs to the worker, and the popup only needs the active tab's id.
    // No `activeTab`: the content script is declared for all pages anyway.
    //
    // `offscreen` (Chromium only): PDF CVs dropped on the report page are read with pdf.js + jsqr
    // in an offscreen document (entrypoints/offscreen), because pdf.js may not run in the service
    // worker and must never run in content scripts or pages. Firefox has no offscreen documents
    // (it warns about the unknown permission), so its build does not ask for it: Firefox's MV3
    // background is an event page with a DOM, which loads the same document in a hidden frame
    // (lib/extension/scan-frame.ts).
    //
    // `declarativeNetRequest` (issue 15): one block rule, limited to the extension's own requests,
    // stops private and local addresses at every redirect hop (lib/extension/net-guard.ts).
    permissions: [
      'storage',
      ...(browser === 'firefox' ? [] : ['offscreen']),
      'alarms',
      'declarativeNetRequest',
    ],
    // <all_urls>: credentials are verified where recruiters meet them (any profile, CV or
    // job board), and the worker must fetch the issuer's machine-readable endpoints
    // (hosted assertions, issuer profiles, keys, revocation lists) on whatever domain
    // the issuer uses, without CORS getting in the way. All of that network goes through
    // lib/net/fetcher.ts (credentials omitted, size/time limits, no private targets).
    // Firefox treats MV3 host permissions as opt-in: the user grants them in about:addons.
    host_permissions: ['<all_urls>'],
    action: { default_title: 'CredLens: credentials on this page' },
    browser_specific_settings: {
      gecko: {
        id: 'credlens@credlens.invalid',
        // storage.session in MV3 needs Firefox 115.
        strict_min_version: '115.0',
        // The extension sends no data to its developers; issuer endpoints are contacted
        // only to verify the credentials the user looks at.
        data_collection_permissions: { required: ['none'] },
      },
    },
  }),
});
