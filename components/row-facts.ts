/**
 * What one credential row (popup, scanned-file list) shows: title, issuer, date, platform,
 * where it was found. Plain TS (no DOM) so it is unit-tested; strings through i18n.
 */
import { UNLISTED_PLATFORM } from '../lib/detect/classify-link';
import type { Candidate } from '../lib/detect/candidate';
import { platformInfo } from '../lib/detect/platforms/index';
import type { ElementKey, VerificationReport } from '../lib/model/report';
import type { VerifyRequestInput } from '../lib/protocol/messages';
import { t, type MessageKey } from './i18n';

/** The summary fields the background lists for a candidate (TabEntryView / FileScanItem). */
export interface ListedFacts {
  title?: string;
  issuer?: string;
}

export interface RowFacts {
  title: string;
  issuer?: string;
  /** ISO date the credential was issued, when known. */
  issuedOn?: string;
}

function element(report: VerificationReport | undefined, key: ElementKey): string | undefined {
  const el = report?.elements.find((e) => e.key === key && e.status === 'present');
  const v = el?.values?.find((x) => x.trim() !== '');
  return v === undefined ? undefined : v.trim();
}

/**
 * Title, issuer and date for a row. OB 2.0, OB 3.0 / VC and EDC reports all fill
 * `credential` and `issuer`; the standard elements (title, awarding body, date of issue)
 * answer when a format left one of those empty.
 */
export function rowFacts(candidate: Candidate, listed: ListedFacts, report?: VerificationReport): RowFacts {
  const title =
    listed.title ??
    report?.credential.title ??
    element(report, 'title') ??
    candidate.label ??
    (candidate.kind === 'embedded' ? platformName(candidate) : candidate.pageUrl);
  const issuer =
    listed.issuer ?? report?.issuer.name ?? element(report, 'awardingBody') ?? report?.issuer.url ?? report?.issuer.id;
  const issuedOn = report?.credential.issuedOn ?? element(report, 'issuedOn');
  const out: RowFacts = { title };
  if (issuer !== undefined) out.issuer = issuer;
  if (issuedOn !== undefined) out.issuedOn = issuedOn;
  return out;
}

/**
 * Links to documents on hosts no rule knows, named by what they are (classify-link.ts
 * credentialFileLink): an EDC, an Open Badge, or a credential whose kind the check will tell.
 */
const LINK_KINDS: Partial<Record<string, MessageKey>> = {
  'edc-link': 'found_link_edc',
  'ob-hosted': 'found_link_openBadge',
  'credential-link': 'found_link_credential',
};

/** The platform's human name ("Credly", "Open Badge Factory"); badge images say so. */
export function platformName(candidate: Candidate): string {
  const key = candidate.kind === 'link' ? LINK_KINDS[candidate.platform] : undefined;
  return key === undefined ? platformInfo(candidate.platform).name : t(key);
}

/** The host a link or image points at ("www.coursera.org"), for people to see where it leads. */
export function hostOf(candidate: Candidate): string | undefined {
  if (candidate.kind === 'embedded') return undefined;
  try {
    return new URL(candidate.pageUrl).host;
  } catch {
    return undefined;
  }
}

/** What kind of thing was found: a link, a badge image, or the credential itself (embedded). */
export function kindLabel(candidate: Candidate): string {
  if (candidate.kind === 'image') return t('found_kind_image');
  if (candidate.kind === 'embedded') return t('found_kind_embedded');
  return t('found_kind_link');
}

/**
 * Where a candidate was found, for people, from the scanners' `where`
 * ("PDF page 2, QR code" → "page 2, QR code"; "attachment cv.json" → "attached file cv.json").
 */
export function whereLabel(where: string | undefined): string | undefined {
  if (where === undefined) return undefined;
  const pdf = /^PDF page (\d+), (link|text|QR code)$/.exec(where);
  if (pdf !== null) {
    const [, page = '', what] = pdf;
    if (what === 'link') return t('found_where_pageLink', page);
    if (what === 'text') return t('found_where_pageText', page);
    return t('found_where_pageQr', page);
  }
  const att = /^attachment (.+)$/.exec(where);
  if (att !== null) return t('found_where_attachment', att[1] ?? '');
  switch (where) {
    case 'link':
      return t('found_where_link');
    case 'page text':
      return t('found_where_text');
    case 'image':
      return t('found_where_image');
    case 'JSON-LD script':
      return t('found_where_script');
    case 'the file itself':
      return t('found_where_file');
    default:
      return where;
  }
}

/** The attached file's name, for candidates found as PDF attachments. */
export function attachmentName(candidate: Candidate): string | undefined {
  const m = /^attachment (.+)$/.exec(candidate.where ?? '');
  return m?.[1];
}

/** "Found, not verifiable: <platform> publishes no verifiable form", or undefined. */
export function notVerifiableText(candidate: Candidate): string | undefined {
  if (candidate.noVerifiableForm !== true) return undefined;
  if (candidate.platform === UNLISTED_PLATFORM) return t('found_unlistedPlatform', hostOf(candidate) ?? candidate.url);
  return t('found_notVerifiable', platformName(candidate));
}

/**
 * A CV to scan rather than a credential to verify: a PDF or an HTML page, by name, media type
 * or first bytes. SVG, XML (EDC), JSON, JWS and PNG files are credentials.
 */
export function isCvFile(name: string, mediaType: string, bytes: Uint8Array): boolean {
  if (/\.(pdf|html?|xhtml)$/i.test(name)) return true;
  if (/^(application\/pdf|text\/html|application\/xhtml\+xml)\b/i.test(mediaType)) return true;
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('%PDF-') || /^(<!--[\s\S]*?-->\s*)*(<!doctype html|<html[\s>])/i.test(head);
}

/** What to send to `credential/verify` for a candidate; null when it has nothing verifiable. */
export function verifyInputOf(c: Candidate): VerifyRequestInput | null {
  if (c.noVerifiableForm === true) return null;
  if (c.kind !== 'embedded') return { kind: 'url', url: c.url };
  if (c.content === undefined) return null;
  const name = (attachmentName(c) ?? c.where ?? c.platform).slice(0, 255);
  return c.contentEncoding === 'base64'
    ? { kind: 'bytes', base64: c.content, name }
    : { kind: 'text', text: c.content, name };
}

/**
 * The address of a PDF shown in the active tab (the browser's own viewer, where no content script
 * runs), or undefined. Only http(s): a local file has to be dropped on the report page instead.
 */
export function pdfTabUrl(tabUrl: string | undefined): string | undefined {
  if (tabUrl === undefined || tabUrl.length > 4096) return undefined;
  try {
    const u = new URL(tabUrl);
    return (u.protocol === 'https:' || u.protocol === 'http:') && /\.pdf$/i.test(u.pathname) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The issuer as a row says it: "Issued by X" only when established (A2 and up). */
export function issuerText(issuer: string, claim: 'key' | 'claim' | undefined): string {
  if (claim === 'key') return t('popup_signedByKey', issuer);
  if (claim === 'claim') return t('popup_claimsIssuer', issuer);
  return t('popup_issuedBy', issuer);
}

/** The claim of a report's issuer name, by its authenticity level (see TabEntryView.issuerClaim). */
export function issuerClaimOf(report: VerificationReport | undefined): 'key' | 'claim' | undefined {
  const level = report?.authenticity.level;
  return level === 'A1' ? 'key' : level === 'A0' ? 'claim' : undefined;
}
