import { importRuntimePackage } from "./install.js";
import { bundle, type Runtime } from "./runtime.js";

/** What the test uses of miniflare (installed by install.ts, so untyped here). */
interface Miniflare {
  dispatchFetch(url: string): Promise<Response>;
  dispose(): Promise<void>;
}
type MiniflareModule = {
  Miniflare: new (options: {
    modules: boolean;
    script: string;
    compatibilityDate: string;
    bindings: Record<string, string>;
  }) => Miniflare;
};

/**
 * Cloudflare's workerd, through miniflare 4 (installed with the other runtimes, install.ts; it runs workerd in a child process): the
 * scenario bundled into a module worker, run by fetching the worker. No `nodejs_compat` flag, as in a
 * default Worker, so no Node API is there.
 */
export const workerd: Runtime = {
  name: "Cloudflare workerd (miniflare)",
  async run(input, consumer) {
    const { Miniflare } = await importRuntimePackage<MiniflareModule>("miniflare");
    const worker = new Miniflare({
      modules: true,
      script: await bundle("worker-main.mjs", consumer),
      compatibilityDate: "2025-09-01",
      bindings: { INPUT: JSON.stringify(input) },
    });
    try {
      const response = await worker.dispatchFetch("http://worker.test/");
      // An exception in the worker comes back as a 500 with its stack as text.
      if (!response.ok) throw new Error(`the worker failed: ${await response.text()}`);
      return await response.json();
    } finally {
      await worker.dispose();
    }
  },
};
