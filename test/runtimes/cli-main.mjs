// Entry for the runtimes that run a file from the command line (Node, Bun, Deno): the scenario's input
// as JSON in the first argument, its outcome as JSON on stdout.
import { scenario } from "./scenario.mjs";

console.log(JSON.stringify(await scenario(JSON.parse(process.argv[2]))));
