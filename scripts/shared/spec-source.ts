import { readFileSync } from "node:fs";
import path from "node:path";
import { PipelineError } from "./pipeline-error.js";

export interface SpecSource {
  text: string;
  /** how messages name it: the path as given, or the URL */
  shownAs: string;
  /** where $refs and lint locations resolve from: an absolute file path or the URL */
  location: string;
}

/** How long a URL may take to answer in full: a spec is at most a few MB. */
const fetchTimeoutMs = 30_000;

/** Reads the new spec from a file path (JSON or YAML) or an http(s) URL, with a message that says what to fix. */
export async function readSpecSource(source: string, cwd: string): Promise<SpecSource> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return fetchSource(source);
  const location = path.resolve(cwd, source);
  let text: string;
  try {
    text = readFileSync(location, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "file not found: pass the path of an OpenAPI JSON or YAML file, or an http(s) URL"
        : code === "EISDIR"
          ? "this is a directory: pass the path of an OpenAPI JSON or YAML file"
          : `cannot read the file (${code ?? (cause as Error).message})`;
    throw new PipelineError(reason, { file: source });
  }
  if (looksLikeHtml(text)) {
    const fix = "save the spec's JSON or YAML, not a page that shows it";
    throw new PipelineError(`an HTML page, not an OpenAPI document: ${fix}`, { file: source });
  }
  return { text, shownAs: source, location };
}

/** A proxy's or a CDN's error page, a login page, a docs viewer: HTML where a spec should be. */
const looksLikeHtml = (text: string) => /^\s*<(!doctype html|html|head|body)[\s>]/i.test(text);

async function fetchSource(url: string): Promise<SpecSource> {
  if (!/^https?:\/\//i.test(url))
    throw new PipelineError("unsupported URL scheme: use an http(s) URL or a file path", { file: url });
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(fetchTimeoutMs),
      headers: { accept: "application/json, application/yaml, */*" },
    });
  } catch (cause) {
    // undici throws `TypeError: fetch failed` and puts the reason (ECONNREFUSED, ENOTFOUND...) in `cause`
    const err = cause as Error & { cause?: { code?: string; message?: string } };
    const reason =
      err.name === "TimeoutError"
        ? `no complete answer within ${fetchTimeoutMs / 1000} s`
        : (err.cause?.code ?? err.cause?.message ?? err.message);
    throw new PipelineError(`cannot fetch the spec (${reason}): check the URL and that the server is reachable`, {
      file: url,
    });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new PipelineError(
      `the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}: check the URL`,
      { file: url },
    );
  }
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  // A 200 with an HTML page happens: a captive portal, a CDN's "checking your browser", a docs viewer's URL.
  if (/\btext\/html\b/i.test(type) || looksLikeHtml(text))
    throw new PipelineError(
      `the server answered with an HTML page${type ? ` (${type.split(";")[0]})` : ""}, not an OpenAPI document: ` +
        "check the URL (it should serve the spec's JSON or YAML)",
      { file: url },
    );
  return { text, shownAs: url, location: url };
}
