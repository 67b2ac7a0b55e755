// npm run docs:capabilities: writes the gateway capabilities table into README.md (between its
// markers). With --check it only says whether the README is up to date (exit 1 when it is not).
import { readFileSync, writeFileSync } from "node:fs";
import { GATEWAYS } from "../gateways";
import { capabilitiesTable, guessesSourceOf, specGuesses, withTable } from "../gateways/capabilities-table";

const readmePath = "README.md";
const readme = readFileSync(readmePath, "utf8");
const next = withTable(readme, capabilitiesTable(Object.values(GATEWAYS), (kind) => specGuesses(guessesSourceOf(kind))));
if (next === null) {
  console.error("README.md has no capabilities markers");
  process.exit(1);
}
if (process.argv.includes("--check")) {
  if (next !== readme) {
    console.error("README.md's capabilities table is out of date: run npm run docs:capabilities");
    process.exit(1);
  }
  console.log("README.md's capabilities table is up to date");
} else if (next !== readme) {
  writeFileSync(readmePath, next);
  console.log("README.md: capabilities table written");
} else {
  console.log("README.md: capabilities table already up to date");
}
