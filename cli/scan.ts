/**
 * `credlens scan <file.html|file.pdf|url> ... [--json] [--verify]`: the extension's
 * detectors over a saved page or a CV, from a terminal (and the batch path for
 * applicant-tracking systems). pdf.js (legacy build, for Node) and jsqr are loaded only
 * when a PDF is scanned.
 */
import { classifyEmbeddedText } from '../lib/detect/classify-embedded';
import { platformInfo } from '../lib/detect/platforms/index';
import type { Candidate } from '../lib/detect/candidate';
import { LIMITS, type CredentialInput } from '../lib/model/input';
import type { VerifyEnv } from '../lib/model/env';
import type { VerificationReport } from '../lib/model/report';
import { scanPdfWithPdfjs, type PdfjsLike } from '../lib/extension/scan-pdfjs';
import { carriesBakedBadge } from '../lib/scan/baked';
import type { ScanResult } from '../lib/scan/collect';
import { scanFile } from '../lib/scan/scan-file';
import { verifyCandidates } from '../lib/scan/verify-scan';
import { verifyCredential } from '../lib/verify';
import type { CliOptions } from './args';
import { formatReportText } from './format-text';

/** Credentials verified per input (the rest are listed). */
const MAX_VERIFIED = 50;

export interface ScanDeps {
  env: VerifyEnv;
  /** Reads a file argument (bounded), or `-` from stdin. */
  readFile: (arg: string) => Promise<Uint8Array>;
  write: (text: string) => void;
  colour: boolean;
}

/** One scanned input as `--json` prints it (one line per input). */
export interface ScanOutput {
  source: string;
  type: 'html' | 'pdf' | 'credential' | 'error';
  candidates: Array<Candidate & { report?: VerificationReport }>;
  notes: string[];
}

async function scanPdfBytes(bytes: Uint8Array, source: string): Promise<ScanResult> {
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfjsLike;
  const jsQR = (await import('jsqr')).default;
  return scanPdfWithPdfjs(pdfjs, bytes, source, { jsQR });
}

async function load(
  arg: string,
  deps: ScanDeps,
): Promise<{ bytes: Uint8Array; mediaType: string; pageUrl?: string } | string> {
  if (!/^https?:\/\//i.test(arg)) return { bytes: await deps.readFile(arg), mediaType: '' };
  const res = await deps.env.fetch(arg, { accept: 'text/html, application/pdf;q=0.9, */*;q=0.5' });
  if (!res.ok) return `${arg} could not be fetched: ${res.message}`;
  return { bytes: res.bytes, mediaType: res.contentType, pageUrl: arg };
}

/** Scans one input; never throws for bad files (they become notes). */
export async function scanInput(arg: string, deps: ScanDeps, verify: boolean): Promise<ScanOutput> {
  const loaded = await load(arg, deps);
  if (typeof loaded === 'string') return { source: arg, type: 'error', candidates: [], notes: [loaded] };
  if (loaded.bytes.length > LIMITS.maxInputBytes)
    return {
      source: arg,
      type: 'error',
      candidates: [],
      notes: ['The file is larger than CredLens accepts.'],
    };
  const hints: { name: string; mediaType: string; pageUrl?: string } = {
    name: arg,
    mediaType: loaded.mediaType,
  };
  if (loaded.pageUrl !== undefined) hints.pageUrl = loaded.pageUrl;
  const scanned = await scanFile(loaded.bytes, arg, { scanPdf: scanPdfBytes }, hints);
  let out: ScanOutput;
  let inputs: Map<Candidate, CredentialInput> | null = null;
  if (scanned.kind === 'credential') {
    // Not a page or a PDF: the file may be a credential itself (JSON, JWS, baked PNG/SVG).
    const self: Candidate = {
      kind: 'embedded',
      url: arg,
      pageUrl: arg,
      platform: 'credential-file',
      where: 'the file itself',
    };
    const isOne = looksLikeCredentialFile(loaded.bytes, arg);
    out = {
      source: arg,
      type: 'credential',
      candidates: isOne ? [self] : [],
      notes: [
        isOne
          ? 'Not an HTML page or a PDF: listed as a credential file.'
          : 'Not an HTML page, a PDF or a credential.',
      ],
    };
    inputs = new Map([
      [
        self,
        loaded.pageUrl !== undefined
          ? { kind: 'url', url: arg }
          : { kind: 'bytes', bytes: loaded.bytes, name: arg },
      ],
    ]);
  } else {
    out = {
      source: arg,
      type: scanned.kind,
      candidates: scanned.result.candidates.map((c) => ({ ...c })),
      notes: scanned.result.notes,
    };
  }
  // An image is only worth unbaking: it is a credential once its baked data is read (with --verify).
  const images = out.candidates.filter((c) => c.kind === 'image').length;
  if (!verify && images > 0) {
    out.candidates = out.candidates.filter((c) => c.kind !== 'image');
    out.notes.push(
      images === 1
        ? '1 image could hold a baked badge: run with --verify to read it.'
        : `${images} images could hold baked badges: run with --verify to read them.`,
    );
  }
  if (verify) {
    const verified = await verifyCandidates(
      out.candidates,
      (input, candidate) => verifyCredential(inputs?.get(candidate) ?? input, deps.env),
      deps.env.now,
      MAX_VERIFIED,
    );
    verified.forEach((v, i) => {
      const entry = out.candidates[i];
      if (entry !== undefined) entry.report = v.report;
    });
    if (out.candidates.length > verified.length)
      out.notes.push(`Only the first ${verified.length} credentials were verified.`);
    // Images count only with baked data read; one left unread (past the limit) is not listed either.
    const plain = out.candidates.filter(
      (c) => c.kind === 'image' && c.report !== undefined && !carriesBakedBadge(c.report),
    );
    const unread = out.candidates.filter((c) => c.kind === 'image' && c.report === undefined);
    out.candidates = out.candidates.filter((c) => !plain.includes(c) && !unread.includes(c));
    if (plain.length > 0)
      out.notes.push(
        plain.length === 1
          ? '1 image carries no badge data: not listed.'
          : `${plain.length} images carry no badge data: not listed.`,
      );
    if (unread.length > 0)
      out.notes.push(`${unread.length} image(s) past the limit were not read: not listed.`);
  }
  return out;
}

/** A file that is not a container: a credential when it is a PNG/SVG image or a credential JSON/JWS. */
function looksLikeCredentialFile(bytes: Uint8Array, name: string): boolean {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return true;
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, LIMITS.maxInputBytes));
  if (/\.svg$/i.test(name) || /^\s*(?:<\?xml[^>]*>\s*)?<svg\b/.test(text)) return true;
  return classifyEmbeddedText(text, { pageUrl: 'file:' }) !== null;
}

function describe(c: Candidate): string {
  const info = platformInfo(c.platform);
  // "Credly link"; names that say "link" already ("Credential link") are not doubled.
  const what = c.kind === 'link' && !/\blink$/i.test(info.name) ? `${info.name} link` : info.name;
  const target =
    c.kind === 'embedded'
      ? c.content !== undefined
        ? `${c.content.length} characters embedded`
        : c.url
      : c.url;
  const lines = [`• ${what}${c.label ? ` “${c.label}”` : ''}`, `    where: ${c.where ?? 'page'}`];
  if (c.kind !== 'embedded' && c.pageUrl !== c.url) lines.push(`    on the page: ${c.pageUrl}`);
  if (c.noVerifiableForm)
    lines.push(
      `    page: ${c.pageUrl}`,
      `    found, not verifiable: ${info.name} publishes no verifiable form`,
    );
  else lines.push(`    checks: ${target}`);
  return lines.join('\n');
}

/** Formats one scanned input for a terminal. */
export function formatScanText(out: ScanOutput, colour: boolean): string {
  const lines = [
    `${out.source}: ${out.candidates.length} credential${out.candidates.length === 1 ? '' : 's'} found (${out.type})`,
  ];
  for (const c of out.candidates) {
    lines.push(describe(c));
    if (c.report !== undefined) lines.push(formatReportText(c.report, colour).replace(/^/gm, '    '));
  }
  for (const n of out.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

/** Runs `credlens scan`; resolves to the exit code (0: every input holds credentials, all verified with --verify). */
export async function runScan(options: CliOptions, deps: ScanDeps): Promise<number> {
  let good = true;
  for (const arg of options.inputs) {
    const out = await scanInput(arg, deps, options.verify === true);
    if (out.candidates.length === 0) good = false;
    if (options.verify === true && out.candidates.some((c) => c.report?.verdict !== 'verified')) good = false;
    deps.write(options.json ? `${JSON.stringify(out)}\n` : `${formatScanText(out, deps.colour)}\n\n`);
  }
  return good ? 0 : 1;
}
