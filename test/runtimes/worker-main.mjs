// Entry for Cloudflare's workerd: a module worker that runs the scenario when it is fetched; the input
// comes in as the INPUT binding (JSON).
import { scenario } from "./scenario.mjs";

export default {
  /** @param {Request} _request @param {{ INPUT: string }} env */
  async fetch(_request, env) {
    return Response.json(await scenario(JSON.parse(env.INPUT)));
  },
};
