/** `credlens` — verify credentials from a terminal with the same library the extension uses. */
import { open, readFile } from 'node:fs/promises';
import { createFetcher } from '../lib/net/fetcher';
import { createGuardedFetch } from './guarded-fetch';
import { createRevocationCache } from '../lib/x509/revocation-cache';
import { parseUrlMap } from '../lib/net/url-map';
import type { CredentialInput } from '../lib/model/input';
import { LIMITS } from '../lib/model/input';
import type { VerifyEnv } from '../lib/model/env';
import type { VerificationReport } from '../lib/model/report';
import { unreadableInputReport } from '../lib/report/fallback-report';
import { compileEuTrustIndex, type ListInput } from '../lib/trust/eu/compile';
import { createEuTrustSource } from '../lib/trust/eu/source';
import { parseSignerCertificates } from '../lib/trust/eu/signers';
import { trustSourceFromJson } from '../lib/trust/load-file';
import { parseOrgList } from '../lib/trust/org-list';
import pinnedLotl from '../public/trust/eu-lotl-signers.json';
import type { TrustSource } from '../lib/trust/source';
import { createTrustStore } from '../lib/trust/store';
import { verifyCredential } from '../lib/verify';
import { credentialPageAddress } from '../lib/detect/page-address';
import { notVerifiableReport } from '../lib/scan/not-verifiable';
import { parseCliArgs, USAGE, type CliOptions } from './args';
import { formatReportText } from './format-text';
import { runScan } from './scan';

declare const CREDLENS_VERSION: string;

class UsageError extends Error {}

/** Reads at most LIMITS.maxInputBytes + 1 bytes, so an oversized file is reported, not loaded whole. */
async function readBounded(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      error.code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${error.message}`,
    );
  });
  try {
    const buffer = new Uint8Array(LIMITS.maxInputBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > LIMITS.maxInputBytes) break;
  }
  return new Uint8Array(Buffer.concat(chunks));
}

async function toInput(arg: string): Promise<CredentialInput> {
  if (arg === '-') return { kind: 'bytes', bytes: await readStdin(), name: '(stdin)' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) return { kind: 'url', url: arg };
  return { kind: 'bytes', bytes: await readBounded(arg), name: arg };
}

/**
 * Verifies one argument. A platform's credential page (a Credly badge page...) is resolved by the
 * platform's link rule, as scan resolves the links it finds: the credential at the derived address
 * is verified and the report names the page; a platform that publishes no verifiable form gets
 * "found, not verifiable". The page itself is never fetched. Any other URL is verified as given.
 */
async function verifyArg(arg: string, env: VerifyEnv): Promise<VerificationReport> {
  const input = await toInput(arg);
  const page = input.kind === 'url' ? credentialPageAddress(input.url) : null;
  if (page === null) return verifyCredential(input, env);
  if (page.kind === 'no-verifiable-form') return notVerifiableReport(page.candidate, env.now());
  const report = await verifyCredential({ kind: 'url', url: page.address }, env);
  return { ...report, fromPage: { url: page.page, platform: page.platform, name: page.name } };
}

/** EU trusted lists given as XML files (the LOTL and national lists) → one compiled trust source. */
async function loadEuLists(
  xml: { file: string; text: string }[],
  now: Date,
  pins: readonly string[],
): Promise<TrustSource> {
  const fetchedAt = new Date().toISOString();
  const isLotl = (t: string): boolean => /TSLType\/EUlistofthelists</.test(t);
  const lotl = xml.find((x) => isLotl(x.text));
  const lists: ListInput[] = xml
    .filter((x) => x !== lotl)
    .map((x) => ({ xml: x.text, source: x.file, fetchedAt }));
  const index = await compileEuTrustIndex({
    ...(lotl ? { lotl: { xml: lotl.text, source: lotl.file, fetchedAt } } : {}),
    lists,
    pinnedLotlSigners: pins,
    now,
  });
  for (const p of index.problems) process.stderr.write(`credlens: trust list ${p.source}: ${p.reason}\n`);
  return createEuTrustSource(index, () => now);
}

/** The LOTL signers: the file given with --lotl-signers, else the ones shipped with CredLens. */
async function lotlPins(file: string | undefined): Promise<readonly string[]> {
  if (file === undefined) return pinnedLotl.certificates.map((c) => c.der);
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new UsageError(`cannot read --lotl-signers ${file}: ${error.message}`);
  });
  const parsed = parseSignerCertificates(text);
  if (!parsed.ok) throw new UsageError(`--lotl-signers ${file}: ${parsed.error}`);
  return parsed.certs;
}

async function loadTrustSources(
  files: string[],
  now: Date = new Date(),
  signersFile?: string,
): Promise<TrustSource[]> {
  const sources: TrustSource[] = [];
  const xml: { file: string; text: string }[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((error: Error) => {
      throw new UsageError(`cannot read trust list ${file}: ${error.message}`);
    });
    if (
      text
        .replace(/^\uFEFF/, '')
        .trimStart()
        .startsWith('<')
    ) {
      xml.push({ file, text });
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new UsageError(
        `trust list ${file} is neither XML (EU trusted list) nor valid JSON: ${(error as Error).message}`,
      );
    }
    // DCC registry.json or DEQAR snapshot; anything else is read as an organisation list.
    const special = trustSourceFromJson(json, file);
    if (special !== null) {
      if (!special.ok) throw new UsageError(`trust list ${file}: ${special.error}`);
      sources.push(special.source);
      continue;
    }
    const parsed = parseOrgList(json, { id: `file:${file}`, label: `organisation list ${file}` });
    if (!parsed.ok) throw new UsageError(`trust list ${file}: ${parsed.error}`);
    sources.push(parsed.source);
  }
  if (xml.length > 0) sources.push(await loadEuLists(xml, now, await lotlPins(signersFile)));
  else if (signersFile !== undefined)
    throw new UsageError('--lotl-signers needs the List of Trusted Lists given with --trust');
  return sources;
}

async function buildEnv(options: CliOptions): Promise<VerifyEnv> {
  const urlMap = parseUrlMap(options.mapUrl);
  if (!urlMap.ok) throw new UsageError(`--map-url: ${urlMap.error}`);
  const fixedNow = options.now;
  return {
    fetch: createFetcher({
      redirectMode: 'manual',
      urlMap: urlMap.map,
      allowPrivate: options.allowPrivate,
      // SECURITY (issue 15): names are resolved once and checked; only --map-url targets may be local.
      fetch: createGuardedFetch({
        allowedHosts: urlMap.map.entries.map((e) => new URL(e.to).hostname),
        allowPrivate: options.allowPrivate,
      }),
    }),
    now: () => fixedNow ?? new Date(),
    trust: createTrustStore(
      await loadTrustSources(options.trust, fixedNow ?? new Date(), options.lotlSigners),
    ),
    recipients: options.recipients,
    // One run, one cache: a batch of credentials from the same sealer asks its CA once.
    revocationCache: createRevocationCache(),
    ...(options.expectedNonce === undefined ? {} : { expectedNonce: options.expectedNonce }),
    ...(options.expectedAudience === undefined ? {} : { expectedAudience: options.expectedAudience }),
  };
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`${typeof CREDLENS_VERSION === 'string' ? CREDLENS_VERSION : 'dev'}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`credlens: ${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  const { options } = parsed;
  try {
    if (parsed.kind === 'scan') {
      const env = await buildEnv(options);
      const colour = !options.json && process.stdout.isTTY === true && !process.env.NO_COLOR;
      const readFile = async (arg: string) => {
        const input = await toInput(arg);
        return input.kind === 'bytes' ? input.bytes : new Uint8Array();
      };
      return await runScan(options, { env, readFile, write: (t) => process.stdout.write(t), colour });
    }
    const env = await buildEnv(options);
    let allVerified = true;
    const colour = !options.json && process.stdout.isTTY === true && !process.env.NO_COLOR;
    // One input at a time: a file that cannot be read is reported on its own line, and the batch goes on.
    for (const arg of options.inputs) {
      let report: VerificationReport;
      try {
        report = await verifyArg(arg, env);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        report = unreadableInputReport(arg, error.message, new Date());
      }
      if (report.verdict !== 'verified') allVerified = false;
      process.stdout.write(
        options.json ? `${JSON.stringify(report)}\n` : `${formatReportText(report, colour)}\n\n`,
      );
    }
    return allVerified ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`credlens: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `credlens: internal error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    return 1;
  }
}
