import { describe, expect, it } from "vitest";
import { mediaType, parseCspReports } from "./csp-violations";

const legacy = (report: Record<string, unknown>) => JSON.stringify({ "csp-report": report });

describe("CSP violation reports", () => {
  it("reads a report-uri report: directive, blocked URL and page, without query strings", () => {
    const body = legacy({
      "document-uri": "https://pay.example.com/terminal?customer=c123",
      "blocked-uri": "https://evil.test/x.js?v=2#f",
      "violated-directive": "script-src-elem",
      "effective-directive": "script-src-elem",
      "original-policy": "default-src 'self'",
    });
    expect(parseCspReports("application/csp-report", body)).toEqual([
      { directive: "script-src-elem", blockedUri: "https://evil.test/x.js", documentUri: "https://pay.example.com/terminal" },
    ]);
  });

  it("reads the CSP violations of a Reporting API batch and skips other kinds of report", () => {
    const body = JSON.stringify([
      { type: "deprecation", url: "https://pay.example.com/terminal", body: { id: "x" } },
      { type: "csp-violation", url: "https://pay.example.com/terminal", body: { documentURL: "https://pay.example.com/terminal", blockedURL: "inline", effectiveDirective: "script-src-attr" } },
    ]);
    expect(parseCspReports("application/reports+json", body)).toEqual([{ directive: "script-src-attr", blockedUri: "inline", documentUri: "https://pay.example.com/terminal" }]);
  });

  it("keeps one row per kind of page: ids in paths become :id", () => {
    const [v] = parseCspReports("application/csp-report", legacy({ "document-uri": "https://pay.example.com/transactions/cm3x0q9zk0000abcd12345678/receipt", "blocked-uri": "eval", "violated-directive": "script-src 'self' 'nonce-abc'" }))!;
    expect(v).toEqual({ directive: "script-src", blockedUri: "eval", documentUri: "https://pay.example.com/transactions/:id/receipt" });
  });

  it("never keeps a card number a skimmer put into a URL", () => {
    const [v] = parseCspReports(
      "application/csp-report",
      legacy({ "document-uri": "https://pay.example.com/terminal", "blocked-uri": "https://evil.test/4111111111111111/c.gif?pan=4111111111111111", "effective-directive": "img-src" }),
    )!;
    expect(JSON.stringify(v)).not.toContain("4111111111111111");
    expect(v!.blockedUri).toMatch(/^https:\/\/evil\.test\/\*+1111\/c\.gif$/);
  });

  it("bounds what it keeps from any field", () => {
    const [v] = parseCspReports("application/csp-report", legacy({ "document-uri": `https://pay.example.com/${"a".repeat(3000)}`, "blocked-uri": "x".repeat(3000), "effective-directive": "<script>" }))!;
    expect(v!.directive).toBe("unknown");
    expect(v!.blockedUri.length).toBeLessThanOrEqual(60);
    expect(v!.documentUri.length).toBeLessThanOrEqual(200);
  });

  it("refuses anything that is not a report of the posted type", () => {
    for (const [type, body] of [
      ["application/csp-report", "not json"],
      ["application/csp-report", JSON.stringify({ hello: "world" })],
      ["application/csp-report", JSON.stringify([])],
      ["application/reports+json", JSON.stringify({ "csp-report": {} })],
      ["application/reports+json", JSON.stringify(Array.from({ length: 21 }, () => ({ type: "csp-violation", body: {} })))],
      ["application/json", legacy({ "blocked-uri": "inline" })],
    ]) {
      expect(parseCspReports(type!, body!), `${type} ${body!.slice(0, 40)}`).toBeNull();
    }
  });

  it("reads the media type without its parameters", () => {
    expect(mediaType("Application/CSP-Report; charset=utf-8")).toBe("application/csp-report");
    expect(mediaType(null)).toBe("");
  });
});
