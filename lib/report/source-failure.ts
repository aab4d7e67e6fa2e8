/**
 * What a failed fetch of the credential itself means, in a recruiter's words. The failures look
 * different because they are different facts: a site that answers "not found" (404, 410) has
 * said the credential does not exist, a red flag; an address that cannot be reached now says
 * nothing about the credential, so it is "try again".
 */
import type { Verdict } from '../model/report';

export interface SourceFailure {
  code:
    | 'ERR_SOURCE_NOT_FOUND'
    | 'ERR_SOURCE_REFUSED'
    | 'ERR_SOURCE_UNREACHABLE'
    | 'ERR_SOURCE_PRIVATE'
    | 'ERR_SOURCE_UNUSABLE';
  impact: Verdict;
  message: string;
  detail: string;
}

/** Codes meaning "the site said it does not exist". */
export const NOT_FOUND_CODES: ReadonlySet<string> = new Set(['ERR_SOURCE_NOT_FOUND']);
/** Codes meaning "could not be reached or served now; try again". */
export const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ERR_SOURCE_REFUSED',
  'ERR_SOURCE_UNREACHABLE',
]);

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A failed fetch, as the fetcher reports it (FetchFail) or as a format module keeps it. */
export interface FailedFetch {
  url: string;
  status?: number | undefined;
  code?: string | undefined;
  message: string;
}

/** Classifies the failed fetch of `fail.url`, the credential (`what`, e.g. "this credential"). */
export function sourceFailure(fail: FailedFetch, what = 'this credential'): SourceFailure {
  const host = hostOf(fail.url);
  const detail = `${fail.url}: ${fail.code ?? 'failed'}${fail.status ? ` (HTTP ${fail.status})` : ''}: ${fail.message}`;
  const status = fail.status;
  if (status === 404 || status === 410)
    return {
      code: 'ERR_SOURCE_NOT_FOUND',
      impact: 'invalid',
      message: `${host} says ${what} does not exist (HTTP ${status}).`,
      detail,
    };
  if (status === 401 || status === 403)
    return {
      code: 'ERR_SOURCE_REFUSED',
      impact: 'unverifiable',
      message: `${host} refused to show ${what} (HTTP ${status}); it could not be checked.`,
      detail,
    };
  if (status !== undefined || fail.code === 'ERR_NET_UNREACHABLE' || fail.code === 'ERR_NET_TIMEOUT')
    return {
      code: 'ERR_SOURCE_UNREACHABLE',
      impact: 'unverifiable',
      message:
        status !== undefined
          ? `${host} could not serve ${what} now (HTTP ${status}); try again later.`
          : `${host} could not be reached${fail.code === 'ERR_NET_TIMEOUT' ? ' in time' : ''}; try again later.`,
      detail,
    };
  if (fail.code === 'ERR_NET_PRIVATE_TARGET')
    return {
      code: 'ERR_SOURCE_PRIVATE',
      impact: 'unverifiable',
      message: `The address of ${what} points into a private network, which CredLens never contacts.`,
      detail,
    };
  return {
    code: 'ERR_SOURCE_UNUSABLE',
    impact: 'unverifiable',
    message: `The address of ${what} could not be used: ${fail.message}`,
    detail,
  };
}
