/**
 * ELM v2 (EDCI XML, schema 0.10) → the EU standard elements of a micro-credential (Council
 * Recommendation 2022/C 243/02, Annex I; STANDARD-ELEMENTS.md). Values are the issuer's claims in
 * the preferred language (English fallback), each with the XPath-like path it came from.
 * References (`idref`) are resolved against the `id` of the definitions in the same document.
 */
import { booleanStatement, creditsText, durationWords, parseBoolean } from '../../report/values';
import type { Element } from '@xmldom/xmldom';
import type { ElementKey, StandardElement } from '../../model/report';
import { ELEMENT_LABELS as LABELS } from '../../elements/catalog';
import { children, paths } from '../../trust/eu/xml';

const CRED = 'http://data.europa.eu/europass/model/credentials/w3c#';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
/** SECURITY: bounds on what is read from the document (bounded work and report size). */
const MAX_VALUES = 24;
const MAX_IDS = 20_000;

interface Found {
  values: string[];
  paths: string[];
}

/** An XPath-like location of an element: /vp:verifiablePresentation/europassCredential/title. */
export function xpathOf(el: Element): string {
  const parts: string[] = [];
  for (let n: Element | null = el; n && n.nodeType === 1; n = n.parentNode as Element | null)
    parts.unshift(n.nodeName);
  return `/${parts.join('/')}`;
}

/** The text of a multilingual element (its `text` children) in `lang`, English, or the first. */
export function mlText(el: Element | undefined, lang: string): string | undefined {
  if (!el) return undefined;
  const texts = children(el, 'text');
  const pick =
    texts.find((t) => t.getAttribute('lang') === lang) ??
    texts.find((t) => t.getAttribute('lang') === 'en') ??
    texts[0];
  const value = (pick ?? (texts.length === 0 ? el : undefined))?.textContent?.trim();
  return value ? value.replace(/\s+/g, ' ') : undefined;
}

/** A code (targetName in the preferred language, else the code URI's last segment). */
function code(el: Element, lang: string): string | undefined {
  return mlText(children(el, 'targetName')[0], lang) ?? el.getAttribute('uri')?.split('/').pop() ?? undefined;
}

function inSignature(el: Element): boolean {
  for (let n: Element | null = el; n && n.nodeType === 1; n = n.parentNode as Element | null)
    if (n.namespaceURI === DSIG) return true;
  return false;
}

/** Resolves `idref` attributes to the element defining that `id` (first definition with content). */
function indexIds(root: Element): Map<string, Element> {
  const ids = new Map<string, Element>();
  const all = root.getElementsByTagName('*');
  for (let i = 0; i < all.length && i < 50 * MAX_IDS; i++) {
    const el = all[i];
    // SECURITY: nothing inside a ds:Signature is signed (it is subtracted from the signed content).
    if (!el || el.getAttribute('idref') || inSignature(el)) continue;
    const id = el.getAttribute('id') || el.getAttributeNS(CRED, 'id');
    if (id && !ids.has(id) && el.firstChild && ids.size < MAX_IDS) ids.set(id, el);
  }
  return ids;
}

/** Children named `name` of each element; an `idref` child is replaced by its definition. */
function follow(from: Element[], name: string, ids: Map<string, Element>): Element[] {
  const out: Element[] = [];
  for (const el of from)
    for (const c of children(el, name)) {
      const ref = c.getAttribute('idref');
      const target = ref ? ids.get(ref) : c;
      if (target && !out.includes(target)) out.push(target);
    }
  return out;
}

function collect(els: Element[], describe: (el: Element) => string | undefined): Found {
  const found: Found = { values: [], paths: [] };
  for (const el of els) {
    const v = describe(el);
    if (v === undefined || found.values.includes(v)) continue;
    found.values.push(v);
    const p = xpathOf(el);
    if (!found.paths.includes(p)) found.paths.push(p);
    if (found.values.length >= MAX_VALUES) break;
  }
  return found;
}

function merge(...all: Found[]): Found {
  const out: Found = { values: [], paths: [] };
  for (const f of all) {
    for (const v of f.values) if (!out.values.includes(v)) out.values.push(v);
    for (const p of f.paths) if (!out.paths.includes(p)) out.paths.push(p);
  }
  return out;
}

function element(key: ElementKey, found: Found): StandardElement {
  const [label, mandatory] = LABELS[key];
  if (found.values.length === 0)
    return { key, label, mandatory, status: 'missing', note: 'Not stated in the credential.' };
  return { key, label, mandatory, status: 'present', values: found.values, source: found.paths.join(', ') };
}

function person(subject: Element, lang: string): string | undefined {
  const name =
    mlText(children(subject, 'fullName')[0], lang) ??
    [mlText(children(subject, 'givenNames')[0], lang), mlText(children(subject, 'familyName')[0], lang)]
      .filter(Boolean)
      .join(' ');
  const born = children(subject, 'dateOfBirth')[0]?.textContent?.trim();
  const mail = paths(subject, 'contactPoint', 'mailBox')[0]
    ?.getAttribute('uri')
    ?.replace(/^mailto:/, '');
  return (
    [name || undefined, born ? `born ${born.slice(0, 10)}` : undefined, mail].filter(Boolean).join(', ') ||
    undefined
  );
}

const plain = (el: Element): string | undefined => el.textContent?.trim().replace(/\s+/g, ' ') || undefined;

/** Extracts every element in the report's fixed order from an ELM v2 europassCredential. */
export function extractElmV2Elements(credential: Element, lang = 'en'): StandardElement[] {
  const ids = indexIds(credential);
  const ml = (el: Element) => mlText(el, lang);
  const cd = (el: Element) => code(el, lang);
  const subject = children(credential, 'credentialSubject');
  const achievements = paths(credential, 'credentialSubject', 'achievements', 'learningAchievement');
  const specs = follow(achievements, 'specifiedBy', ids);
  const awarding = follow(achievements, 'wasAwardedBy', ids);
  const bodies = follow(awarding, 'awardingBody', ids);
  const orgs = bodies.length > 0 ? bodies : follow([credential], 'issuer', ids);
  const assessments = follow(achievements, 'wasDerivedFrom', ids);
  const assessmentSpecs = follow(assessments, 'specifiedBy', ids);
  const outcomes = follow(follow(specs, 'learningOutcomes', ids), 'learningOutcome', ids);
  const named = (from: Element[], name: string, d: (el: Element) => string | undefined) =>
    collect(follow(from, name, ids), d);
  const uri = (el: Element) => el.getAttribute('uri') ?? undefined;
  return [
    element(
      'learner',
      collect(subject, (s) => person(s, lang)),
    ),
    element('title', merge(named([credential], 'title', ml), named(achievements, 'title', ml))),
    element(
      'country',
      merge(
        collect(
          orgs.flatMap((o) => paths(o, 'hasLocation', 'hasAddress', 'country')),
          (c) => {
            const name = cd(c);
            const iso = c.getAttribute('uri')?.split('/').pop();
            return name && iso && name !== iso ? `${name} (${iso})` : (name ?? iso);
          },
        ),
        collect(
          orgs.flatMap((o) => children(o, 'registration')),
          (r) => r.getAttribute('spatialID') ?? undefined,
        ),
      ),
    ),
    element(
      'awardingBody',
      collect(
        orgs.flatMap((o) => children(o, 'prefLabel')),
        ml,
      ),
    ),
    element(
      'issuedOn',
      merge(
        collect(
          children(credential, 'issued').filter((e) => e.namespaceURI === CRED),
          plain,
        ),
        named(awarding, 'date', plain),
      ),
    ),
    element(
      'learningOutcomes',
      merge(
        collect(
          outcomes.flatMap((o) => children(o, 'prefLabel')),
          ml,
        ),
        collect(
          outcomes.flatMap((o) => children(o, 'relatedEscoSkill')),
          cd,
        ),
      ),
    ),
    element(
      'workload',
      merge(
        collect(
          specs.flatMap((s) => children(s, 'hasECTSCreditPoints')),
          (e) => creditsText(plain(e) ?? '', { label: 'ECTS' }),
        ),
        collect(
          specs.flatMap((s) => children(s, 'volumeOfLearning')),
          (e) => {
            const text = plain(e);
            return text ? (durationWords(text) ?? text) : undefined;
          },
        ),
      ),
    ),
    element(
      'level',
      merge(
        collect(
          specs.flatMap((s) => children(s, 'eqfLevel')),
          (e) => {
            const n = /^http:\/\/data\.europa\.eu\/snb\/eqf\/(\d)$/.exec(e.getAttribute('uri') ?? '')?.[1];
            return n ? `EQF level ${n}` : cd(e);
          },
        ),
        collect(
          specs.flatMap((s) => children(s, 'nqfLevel')),
          cd,
        ),
      ),
    ),
    element('assessment', merge(named(assessments, 'title', ml), named(assessmentSpecs, 'type', cd))),
    element('participation', named(specs, 'mode', cd)),
    element(
      'qualityAssurance',
      collect(
        follow([...orgs, ...specs], 'hasAccreditation', ids),
        (a) =>
          [mlText(children(a, 'title')[0], lang), code(children(a, 'type')[0] ?? a, lang)]
            .filter(Boolean)
            .join(' — ') || undefined,
      ),
    ),
    element('prerequisites', named(specs, 'entryRequirementsNote', ml)),
    element('supervision', named(assessments, 'idVerificationMethod', cd)),
    element('grade', named(assessments, 'grade', plain)),
    element(
      'stackability',
      merge(
        named(specs, 'isPartialQualification', (e) => {
          const b = parseBoolean(plain(e));
          return b === undefined ? undefined : booleanStatement('partialQualification', b);
        }),
        collect(
          achievements.flatMap((a) => paths(a, 'hasPart', 'learningAchievement')),
          (e) => mlText(children(e, 'title')[0], lang),
        ),
        collect(follow(achievements, 'entitlesTo', ids), (e) => mlText(children(e, 'title')[0], lang)),
      ),
    ),
    element(
      'furtherInformation',
      merge(
        named(specs, 'homepage', uri),
        named(specs, 'supplementaryDoc', uri),
        named([...specs, ...achievements], 'additionalNote', ml),
      ),
    ),
  ];
}
