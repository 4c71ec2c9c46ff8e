import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { importRuntimePackage } from "../runtimes/install.js";

/** What the test uses of verdaccio (installed with the runtimes, test/runtimes/install.ts, so untyped here). */
type Verdaccio = { runServer(config: object): Promise<Server> };

export interface LocalRegistry {
  /** e.g. http://127.0.0.1:40123/ */
  url: string;
  /** an npm user config (registry and token): give it to npm as NPM_CONFIG_USERCONFIG */
  userconfig: string;
  close(): Promise<void>;
}

/**
 * A private npm registry (verdaccio, from test/runtimes/ like the runtimes: 47 MB that the project's own
 * `npm ci` need not carry for one test) on 127.0.0.1 and a free port, with its storage in a temp folder: the
 * stand-in for registry.npmjs.org when a test publishes. No uplinks, so it knows only what was published to it.
 * npm refuses to publish without credentials, so a user is created through the registry's login endpoint
 * (`PUT /-/user/org.couchdb.user:<name>`, what `npm adduser` calls) and its token written to the user config.
 */
export async function startLocalRegistry(): Promise<LocalRegistry> {
  const dir = mkdtempSync(path.join(tmpdir(), "local-registry-"));
  const { runServer } = await importRuntimePackage<Verdaccio>("verdaccio");
  const server = await runServer({
    self_path: dir,
    storage: path.join(dir, "storage"),
    auth: { htpasswd: { file: path.join(dir, "htpasswd"), max_users: 1 } },
    uplinks: {},
    packages: { "**": { access: "$all", publish: "$authenticated" } },
    log: { type: "stdout", format: "pretty", level: "fatal" },
    web: { enable: false },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;

  const response = await fetch(new URL("-/user/org.couchdb.user:release-test", url), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "release-test", password: "release-test-password" }),
  });
  const { token } = (await response.json()) as { token?: string };
  if (!response.ok || !token) throw new Error(`the local registry did not create its user (HTTP ${response.status})`);
  const userconfig = path.join(dir, "npmrc");
  writeFileSync(userconfig, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);

  return {
    url,
    userconfig,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
