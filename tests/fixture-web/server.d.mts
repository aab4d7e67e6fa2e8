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
  close(): Promise<void>;
}

export declare function startFixtureServer(options?: { port?: number }): Promise<FixtureWeb>;
