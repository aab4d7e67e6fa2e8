/** Types for server.mjs (the fixture web). */
export declare const FIXTURE_HOSTS: readonly string[];
export declare const PROFILE_URL: string;

export interface FixtureRequest {
  host: string;
  path: string;
  search: string;
  accept: string;
}

export interface FixtureWeb {
  port: number;
  requests: FixtureRequest[];
  /** Value for Chromium's --host-resolver-rules. */
  resolverRules: string;
  /** Opens or closes a gate: routes with that gate (e.g. `dcc-registry`) answer 404 while it is closed. */
  setGate(name: string, open: boolean): void;
  /** Serves `body` at an https URL of a fixture host (documents a test generates at run time). */
  serve(url: string, body: string | Uint8Array, contentType: string): void;
  /** Answers an https URL of a fixture host with a redirect to `location` (any address). */
  redirect(url: string, location: string, status?: number): void;
  close(): Promise<void>;
}

export declare function startFixtureServer(options?: { port?: number }): Promise<FixtureWeb>;
