import type { LinkRule } from '../rules';

/**
 * Vendor certification pages that publish no verifiable form: the page is the vendor's
 * statement, readable by people only. (AWS and Cisco badges issued through Credly are
 * verifiable and handled by the Credly rule.)
 */
export const vendorCertRules: readonly LinkRule[] = [
  {
    platform: 'microsoft-learn',
    name: 'Microsoft Learn',
    vouches: 'Microsoft shows the certification on the holder’s Learn profile',
    hosts: ['learn.microsoft.com'],
    path: /^\/(?:[a-z]{2}-[a-z]{2}\/)?users\/[^/]{1,100}\/credentials\/(?<id>[A-Za-z0-9-]{6,64})\/?$/i,
    endpoint: null,
    source: 'Microsoft Learn transcript/credential share URLs; no machine-readable credential published',
  },
  {
    platform: 'microsoft-learn',
    name: 'Microsoft Learn',
    vouches: 'Microsoft shows the certification on the holder’s Learn profile',
    hosts: ['learn.microsoft.com'],
    path: /^\/api\/credentials\/share\/[a-z]{2}-[a-z]{2}\/[^/]{1,100}\/(?<id>[A-Za-z0-9-]{6,64})\/?$/i,
    endpoint: null,
  },
  {
    platform: 'certmetrics',
    name: 'CertMetrics (AWS and other vendors)',
    vouches: 'the vendor’s certification system confirms the credential on a web page',
    hosts: ['cp.certmetrics.com'],
    path: /^\/[a-z0-9_-]{2,40}\/[a-z]{2}\/public\/verify\/credential\/(?<id>[A-Za-z0-9]{6,64})\/?$/i,
    endpoint: null,
  },
];
