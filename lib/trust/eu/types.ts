/**
 * The compiled EU trusted-list index (ETSI TS 119 612): plain JSON, cacheable, produced once per
 * refresh by compile.ts and read on the verification path without any XML parsing.
 */

/** Index format version; bump when the shape changes (cached copies are then recompiled). */
export const EU_INDEX_VERSION = 1;

/** One status period of a service (TS 119 612 §5.5.4, §5.6 history), newest first in `history`. */
export interface TlStatusPeriod {
  /** Status URI suffix, e.g. "granted", "withdrawn", "recognisedatnationallevel". */
  status: string;
  /** ISO start of this status. */
  from: string;
  /** Service type URI in this period. */
  type: string;
  /** additionalServiceInformation URI suffixes (ForeSeals, ForeSignatures, ForWebSiteAuthentication, …). */
  additional: string[];
  /** Qualifications extension (TS 119 612 §5.5.9.2): qualifier suffixes with their policy criteria. */
  qualifiers: { uris: string[]; policies: string[] }[];
}

/** One trust service (TS 119 612 §5.5) with its digital identities. */
export interface TlService {
  /** Stable id within the index: "<CC>/<tsp#>/<svc#>". */
  id: string;
  country: string;
  tspName: string;
  name: string;
  /** Current status first, then the history, newest first. */
  history: TlStatusPeriod[];
  /** Base64 DER certificates of the service digital identity. */
  certs: string[];
  /** Hex SHA-256 of each certificate in `certs`. */
  certSha256: string[];
  /** Base64 subject key identifiers (X509SKI, and those of `certs`). */
  skis: string[];
  subjects: string[];
}

/** Facts about one list as loaded (for "checked …" evidence and staleness). */
export interface TlListInfo {
  /** "EU" for the LOTL, else the ISO country code (EL for Greece, UK before 2021). */
  country: string;
  kind: 'lotl' | 'tl';
  sequence: number;
  issued: string;
  nextUpdate?: string;
  /** When CredLens fetched or loaded the list. */
  fetchedAt: string;
  source: string;
  /** Subject of the certificate that signed the list, and how it was authorised. */
  signer: string;
  signerAuthority: 'pinned' | 'lotl';
  serviceCount: number;
}

/** A national list the LOTL announces (TS 119 612 §5.3.13 OtherTSLPointer). */
export interface TlPointer {
  country: string;
  location: string;
  /** Base64 DER certificates allowed to sign that list. */
  signers: string[];
}

/** The whole compiled index. */
export interface EuTrustIndex {
  version: typeof EU_INDEX_VERSION;
  compiledAt: string;
  lotl?: TlListInfo;
  pointers: TlPointer[];
  lists: TlListInfo[];
  services: TlService[];
  /** Lists that could not be used, with the reason in plain words. */
  problems: { country: string; source: string; reason: string }[];
}

/** What the verifier asks: the identities of a certificate path (computed by lib/x509). */
export interface CertificateQuery {
  /** Hex SHA-256 of each certificate of the path (and its pool). */
  sha256: string[];
  /** Base64 key identifiers: SKIs of the certificates and the leaf's AKI. */
  keyIds: string[];
  /** ISO country the issuer claims (certificate C=), so a missing list can be named. */
  country?: string;
}

/** What the trust store answers about a certificate path. */
export interface CertificateTrustAnswer {
  /** Services whose digital identity matches a certificate or key id of the query. */
  services: TlService[];
  /** The lists those services come from. */
  lists: TlListInfo[];
  /** Lists the answer would need but does not have (e.g. the country's TL was not loaded). */
  unavailable: { country: string; reason: string }[];
  /** Labels of the certificate-based sources consulted. */
  consulted: string[];
}
