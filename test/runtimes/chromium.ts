import sparticuzChromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser } from "playwright-core";
import { startLocalServer } from "../helpers/local-server.js";
import { bundle, type Runtime } from "./runtime.js";
import type { ScenarioInput } from "./scenario-server.js";

/**
 * Headless Chromium. On Linux x64 it is the binary inside `@sparticuz/chromium` (a devDependency), so
 * `npm ci` is all the setup; elsewhere that package has none, and playwright-core's `channel: "chrome"`
 * finds an installed Google Chrome. CHROMIUM_PATH picks another one. Its `--disable-web-security` flag is
 * left out: the test proves that the client works through a CORS preflight, which that flag turns off.
 */
async function launch(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH;
  if (executablePath) return playwright.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
  if (process.platform === "linux" && process.arch === "x64")
    return playwright.launch({
      executablePath: await sparticuzChromium.executablePath(),
      args: sparticuzChromium.args.filter((arg) => arg !== "--disable-web-security"),
      headless: true,
    });
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
