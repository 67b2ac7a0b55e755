import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { capabilitiesTable, guessesSourceOf, specGuesses, TABLE_END, TABLE_START, withTable } from "./capabilities-table";
import { GATEWAYS } from "./index";

const generated = () => capabilitiesTable(Object.values(GATEWAYS), (kind) => specGuesses(guessesSourceOf(kind)));

describe("README gateway capabilities table", () => {
  it("is what the code says now (run npm run docs:capabilities after changing capabilities or a spec guess)", () => {
    const readme = readFileSync("README.md", "utf8");
    expect(withTable(readme, generated())).toBe(readme);
  });

  it("names the emulated operations: BluePay saves cards by a $0 authorization, Rover Pay voids by a full refund", () => {
    const rows = Object.fromEntries(
      generated()
        .split("\n")
        .filter((l) => l.startsWith("| ") && !l.startsWith("| |"))
        .map((l) => {
          const cells = l.split(" | ").map((c) => c.replace(/^\| |\s*\|$/g, ""));
          return [cells[0], cells.slice(1)];
        }),
    );
    const col = Object.keys(GATEWAYS);
    expect(rows["Save a card (token)"]![col.indexOf("bluepay")]).toBe("emulated: a $0.00 authorization");
    expect(rows.Void![col.indexOf("roverpay")]).toBe("emulated: a full refund before settlement");
    expect(rows.Void![col.indexOf("paycore")]).toBe("no");
    expect(rows.Authorize![col.indexOf("paycore")]).toBe("no");
    expect(Number(rows["Spec points still guesses"]![col.indexOf("bepaid")])).toBe(specGuesses(guessesSourceOf("bepaid")).length);
  });

  it("follows a capability change and lists each guess with its comment's sentence", () => {
    const def = { ...GATEWAYS.bluepay, capabilities: { ...GATEWAYS.bluepay.capabilities, void: "none" as const, level23: true } };
    const source = "/**\n * §9.9: the answer is a guess. More text.\n */\nexport const ANSWER = 42;\nexport const OTHER = 1;\n";
    const table = capabilitiesTable([def], () => specGuesses(source));
    expect(table).toContain("| Void | no |");
    expect(table).toContain("| Level 2/3 data | yes |");
    expect(table).toContain("  - `ANSWER`: the answer is a guess.\n  - `OTHER`");
    expect(table).toContain("| Spec points still guesses | 2 |");
  });

  it("only writes between its markers", () => {
    expect(withTable("no markers here", "x")).toBeNull();
    expect(withTable(`a\n${TABLE_START}\nold\n${TABLE_END}\nb`, "new")).toBe(`a\n${TABLE_START}\nnew\n${TABLE_END}\nb`);
  });
});
