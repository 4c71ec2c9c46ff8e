import { startLocalServer } from "../helpers/local-server.js";
import { importRuntimePackage } from "./install.js";
import { bundle, type Runtime } from "./runtime.js";
import type { ScenarioInput } from "./scenario-server.js";

/** What the test uses of playwright-core and @sparticuz/chromium (installed by install.ts, so untyped here). */
interface Page {
  goto(url: string): Promise<unknown>;
  waitForFunction(fn: () => boolean): Promise<unknown>;
  evaluate<A, R>(fn: (arg: A) => Promise<R>, arg: A): Promise<R>;
}
interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface LaunchOptions {
  executablePath?: string;
  channel?: string;
  headless: boolean;
  args: string[];
}
type Playwright = { chromium: { launch(options: LaunchOptions): Promise<Browser> } };
type SparticuzChromium = { default: { executablePath(): Promise<string>; args: string[] } };

/**
 * Headless Chromium. On Linux x64 it is the binary inside `@sparticuz/chromium` (installed with the other
 * runtimes, install.ts), so nothing else is needed; elsewhere that package has none, and playwright-core's `channel: "chrome"`
 * finds an installed Google Chrome. CHROMIUM_PATH picks another one. Its `--disable-web-security` flag is
 * left out: the test proves that the client works through a CORS preflight, which that flag turns off.
 */
async function launch(): Promise<Browser> {
  const playwright = (await importRuntimePackage<Playwright>("playwright-core")).chromium;
  const executablePath = process.env.CHROMIUM_PATH;
  if (executablePath) return playwright.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
  if (process.platform === "linux" && process.arch === "x64") {
    const sparticuzChromium = (await importRuntimePackage<SparticuzChromium>("@sparticuz/chromium")).default;
    return playwright.launch({
      executablePath: await sparticuzChromium.executablePath(),
      args: sparticuzChromium.args.filter((arg) => arg !== "--disable-web-security"),
      headless: true,
    });
  }
  return playwright.launch({ channel: "chrome", headless: true, args: ["--no-sandbox"] });
}

/** The scenario bundled into a page served from one local server, calling the API on another origin. */
export const chromium: Runtime = {
  name: "Chromium",
  crossOrigin: true,
  async run(input, consumer) {
    const script = await bundle("page-main.mjs", consumer);
    const page = await startLocalServer((req, res) => {
      if (req.url === "/scenario.js") res.writeHead(200, { "content-type": "text/javascript" }).end(script);
      else
        res
          .writeHead(200, { "content-type": "text/html" })
          .end(`<!doctype html><title>trieve-ts-client</title><script type="module" src="/scenario.js"></script>`);
    });
    const browser = await launch();
    try {
      const tab = await browser.newPage();
      await tab.goto(page.url);
      await tab.waitForFunction(() => "runScenario" in globalThis);
      return await tab.evaluate(
        (scenarioInput) =>
          (globalThis as unknown as { runScenario(i: ScenarioInput): Promise<unknown> }).runScenario(scenarioInput),
        input,
      );
    } finally {
      await browser.close();
      await page.close();
    }
  },
};
