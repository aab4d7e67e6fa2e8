/**
 * Verification-method dereferencing and authorisation (Controlled Identifiers 1.0 §3.3 "Retrieve
 * Verification Method"; VC Data Integrity 1.0 §4.5 step "verification method ... MUST be associated
 * with the proofPurpose"): find the method in its controller's document, check its controller is
 * that document, check the document lists it under the relationship (assertionMethod), read its key.
 */
import { asArray, idOf, isObj, type Json } from './json';
import { keyFromMultibase, keyFromVerificationMethod, type PublicKey } from './keys';
import { resolveController, type ResolveContext, type ResolveErrorCode } from './resolve';

/** A key that may sign for `relationship` on behalf of `controller`. */
export interface ResolvedMethod {
  ok: true;
  vmId: string;
  vmType: string;
  controller: string;
  key: PublicKey;
  /** How the controller document was obtained. */
  method: 'key' | 'jwk' | 'web' | 'https' | 'ebsi';
  source?: string;
  cached?: boolean;
}

/** Why no usable key was found. */
export interface MethodFailure {
  ok: false;
  vmId: string;
  code: ResolveErrorCode | 'ERR_VM_NOT_FOUND' | 'ERR_VM_NOT_AUTHORISED' | 'ERR_VM_CONTROLLER' | 'ERR_VM_KEY';
  reason: string;
  /** The controller could not be reached (network), as opposed to a definite refusal. */
  unreachable: boolean;
  /**
   * When the controller is unreachable and the fragment is itself a Multikey (a 1EdTech sample
   * convention): that key, usable for an integrity-only check, never as the issuer's key.
   */
  fragmentKey?: PublicKey;
}

/** Resolves an id relative to a base document id (`#key-1` → `<base>#key-1`). */
function absolute(id: string, base: string): string {
  return id.startsWith('#') ? `${base}${id}` : id;
}

function findMethod(doc: Json, vmId: string, base: string): Json | undefined {
  for (const list of [doc.verificationMethod, doc.assertionMethod, doc.authentication, doc.publicKey]) {
    for (const m of asArray(list)) {
      if (isObj(m) && typeof m.id === 'string' && absolute(m.id, base) === vmId) return m;
    }
  }
  return undefined;
}

/** True when `doc[relationship]` lists `vmId` (by reference or embedded). */
export function isAuthorised(doc: Json, vmId: string, relationship: string): boolean {
  const base = typeof doc.id === 'string' ? doc.id : '';
  return asArray(doc[relationship]).some((r) => {
    const id = idOf(r);
    return id !== undefined && absolute(id, base) === vmId;
  });
}

/** Dereferences a verification method URL and checks it may be used for `relationship`. Never throws. */
export async function dereferenceMethod(
  vmId: string,
  relationship: string,
  ctx: ResolveContext,
): Promise<ResolvedMethod | MethodFailure> {
  const hash = vmId.indexOf('#');
  const base = hash >= 0 ? vmId.slice(0, hash) : vmId;
  const fragment = hash >= 0 ? vmId.slice(hash + 1) : '';
  const resolved = await resolveController(base, ctx);
  if (!resolved.ok) {
    const out: MethodFailure = {
      ok: false,
      vmId,
      code: resolved.code,
      reason: resolved.reason,
      unreachable: resolved.unreachable,
    };
    const fk = resolved.unreachable && fragment.startsWith('z') ? keyFromMultibase(fragment) : undefined;
    if (fk?.ok) out.fragmentKey = fk.key;
    return out;
  }
  const doc = resolved.document;
  // A bare DID (no fragment) names its only key (did:key / did:jwk as kid).
  const target =
    hash < 0 && (resolved.method === 'key' || resolved.method === 'jwk')
      ? (idOf(asArray(doc.verificationMethod)[0]) ?? vmId)
      : vmId;
  const vm = findMethod(doc, target, base);
  if (!vm)
    return {
      ok: false,
      vmId,
      code: 'ERR_VM_NOT_FOUND',
      reason: `${base} does not list the key ${vmId}`,
      unreachable: false,
    };
  const controller = typeof vm.controller === 'string' ? vm.controller : undefined;
  // SECURITY: a method whose controller is another identifier is not this document's to authorise.
  if (controller !== base) {
    return {
      ok: false,
      vmId,
      code: 'ERR_VM_CONTROLLER',
      reason: `the key's controller is ${controller ?? '(none)'}, not ${base}`,
      unreachable: false,
    };
  }
  if (!isAuthorised(doc, target, relationship)) {
    return {
      ok: false,
      vmId,
      code: 'ERR_VM_NOT_AUTHORISED',
      reason: `${base} does not list the key under ${relationship}`,
      unreachable: false,
    };
  }
  const key = keyFromVerificationMethod(vm);
  if (!key.ok) return { ok: false, vmId, code: 'ERR_VM_KEY', reason: key.reason, unreachable: false };
  const out: ResolvedMethod = {
    ok: true,
    vmId: target,
    vmType: typeof vm.type === 'string' ? vm.type : 'unknown',
    controller: base,
    key: key.key,
    method: resolved.method,
  };
  if (resolved.source !== undefined) out.source = resolved.source;
  if (resolved.cached) out.cached = true;
  return out;
}
