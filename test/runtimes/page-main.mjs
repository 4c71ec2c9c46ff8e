// Entry for Chromium: a page's module script that hands the scenario to the test (page.evaluate).
import { scenario } from "./scenario.mjs";

globalThis.runScenario = scenario;
