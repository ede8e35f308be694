// Runs an archive's validate.ts under Node: `tsx run.mts <path/to/validate.ts> --all --repo-root DIR`.
// validate.ts starts itself only under Bun (`import.meta.main`), so under Node its exported
// `main` is called here, with the same arguments and exit status.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error("usage: tsx run.mts <validate.ts> [--all | --changed --base REF] [--repo-root DIR]");
  process.exit(2);
}
const validator = await import(pathToFileURL(resolve(script)).href);
process.exit(validator.main(args));
