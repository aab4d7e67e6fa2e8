/** Minimal types for the parts of `jsonld` (v9) CredLens uses; the package ships no typings. */
declare module 'jsonld' {
  /** What a document loader returns for one URL. */
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  export type DocumentLoader = (url: string, options?: unknown) => Promise<RemoteDocument>;

  /** One processing event (safe mode turns the unsafe ones into errors). */
  export interface JsonLdEvent {
    type: string[];
    code: string;
    level: string;
    message: string;
    details?: Record<string, unknown>;
  }
  export type EventHandler = (arg: { event: JsonLdEvent; next: () => void }) => void;

  export interface ProcessingOptions {
    documentLoader?: DocumentLoader;
    base?: string | null;
    safe?: boolean;
    eventHandler?: EventHandler | EventHandler[];
    compactArrays?: boolean;
    compactToRelative?: boolean;
    skipExpansion?: boolean;
    processingMode?: string;
  }
  export type JsonLdDocument = Record<string, unknown> | unknown[];

  export function compact(
    input: unknown,
    ctx: unknown,
    options?: ProcessingOptions,
  ): Promise<Record<string, unknown>>;
  export function expand(input: unknown, options?: ProcessingOptions): Promise<unknown[]>;
  /** A processed (active) context; `mappings` holds the term definitions. */
  export interface ActiveContext {
    mappings: Map<string, { '@id'?: string; '@context'?: unknown; reverse?: boolean; _prefix?: boolean } | null>;
  }
  export function processContext(
    active: ActiveContext | null,
    local: unknown,
    options?: ProcessingOptions,
  ): Promise<ActiveContext>;
  export function canonize(
    input: unknown,
    options?: ProcessingOptions & Record<string, unknown>,
  ): Promise<string>;

  const jsonld: {
    compact: typeof compact;
    expand: typeof expand;
    processContext: typeof processContext;
    canonize: typeof canonize;
  };
  export default jsonld;
}
