import { afterEach, describe, expect, it, vi } from "vitest";
import { COUNTRY_CODES, COUNTRY_OPTIONS, countryName, isCountryCode } from "./countries";

describe("countries", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("names a country the same whatever the runtime's ICU would call it (server and browser render one list)", () => {
    vi.stubGlobal("Intl", { ...Intl, DisplayNames: class { of = () => "Somewhere else"; } });
    expect(countryName("HK")).toBe("Hong Kong");
    expect(countryName("PS")).toBe("Palestine");
    expect(countryName("DE")).toBe("Germany");
    expect(countryName("ZZ")).toBe("ZZ");
  });

  it("offers every ISO code once, the United States first and the rest by name", () => {
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(COUNTRY_CODES.every(isCountryCode)).toBe(true);
    expect(isCountryCode("us")).toBe(false);
    expect(COUNTRY_OPTIONS.map((o) => o.code).sort()).toEqual([...COUNTRY_CODES].sort());
    expect(COUNTRY_OPTIONS[0]).toEqual({ code: "US", name: "United States" });
    const rest = COUNTRY_OPTIONS.slice(1).map((o) => o.name);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, "en")));
  });
});
