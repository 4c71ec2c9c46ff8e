/**
 * `npm run example -- <api_key_id>`: deletes one API key with the client, and says what it did.
 *
 * - With TRIEVE_API_KEY (and optionally TRIEVE_BASE_URL, default https://api.trieve.ai): against that server.
 * - With neither: against a local Prism mock of spec/trieve.yaml on 127.0.0.1, so a newcomer can run
 *   it with no account; nothing real is deleted.
 */
import { createTrieveClient, defaultBaseUrl, TrieveApiError, TrieveInputError } from "../src/index.js";
import { startPrismMock, type PrismMock } from "../test/helpers/prism-mock.js";
import { abs, files } from "../scripts/shared/project-files.js";

/** Any key works with the mock: Prism checks that an Authorization header is sent, not its value. */
const mockKey = "tr-example0000000000000000000000000";

/** The key is a secret: show its prefix only. */
const masked = (key: string) => (key.startsWith("tr-") ? "tr-…" : "…");

async function main(args: string[]): Promise<number> {
  const [apiKeyId, ...extra] = args;
  if (!apiKeyId || extra.length > 0) {
    console.error("usage: npm run example -- <api_key_id>   (a UUID, e.g. 3c90c3cc-0d44-4b50-8888-8dd25736052a)");
    return 2;
  }
  const apiKey = process.env.TRIEVE_API_KEY || undefined;
  const baseUrl = process.env.TRIEVE_BASE_URL || undefined;
  if (!apiKey && baseUrl) {
    console.error(
      `TRIEVE_BASE_URL is set but TRIEVE_API_KEY is not: set TRIEVE_API_KEY too, or unset both to use the local mock.`,
    );
    return 2;
  }

  let mock: PrismMock | undefined;
  try {
    let target: string;
    if (apiKey) {
      target = baseUrl ?? defaultBaseUrl;
      console.log(`Using ${target} with the key from TRIEVE_API_KEY (${masked(apiKey)}).`);
    } else {
      console.log(`TRIEVE_API_KEY is not set: starting a local Prism mock of ${files.spec} (nothing real is deleted)…`);
      mock = await startPrismMock(abs(files.spec));
      target = mock.url;
      console.log(`Prism mock listening on ${target}.`);
    }
    const client = createTrieveClient({ apiKey: apiKey ?? mockKey, baseUrl: target });
    await client.deleteUserApiKey(apiKeyId);
    console.log(
      `DELETE ${target}/api/user/api_key/${apiKeyId} → 204: deleted. (Trieve answers 204 also for an id that does not exist or is not yours.)`,
    );
    return 0;
  } catch (error) {
    if (error instanceof TrieveApiError) {
      console.error(
        `Trieve answered ${error.status}: ${error.message}${error.requestId ? ` (request id ${error.requestId})` : ""}`,
      );
      return 1;
    }
    if (error instanceof TrieveInputError) {
      console.error(error.message);
      return 2;
    }
    console.error(
      `The request failed: ${(error as Error).message}${(error as Error).cause ? ` (${String((error as { cause: unknown }).cause)})` : ""}`,
    );
    return 1;
  } finally {
    await mock?.stop();
  }
}

process.exitCode = await main(process.argv.slice(2));
