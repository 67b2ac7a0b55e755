import { describe, expect, it } from "vitest";
import { defaultBillingCountry } from "../countries";
import { customerSchema } from "./customer";
import { billingSchema } from "./payment";
import { postalCodeIssue, postalExample } from "./postal";

const billing = { firstName: "Ivan", lastName: "Petrov", address1: "Nezavisimosti 1", city: "Minsk", postalCode: "220030", country: "BY" };

describe("postal codes per country", () => {
  it.each([
    ["US", "62701"],
    ["US", "62701-1234"],
    ["CA", "K1A 0B1"],
    ["CA", "k1a0b1"],
    ["GB", "SW1A 2AA"],
    ["GB", "M1 1AE"],
    ["BY", "220030"],
    ["DE", "10115"],
    ["PL", "00-950"],
    ["NL", "1011 AB"],
    ["ZZ", "anything"],
    ["FR", " 75001 "],
  ])("%s accepts %s", (country, code) => {
    expect(postalCodeIssue(country, code)).toBeNull();
  });

  it.each([
    ["US", "220030"],
    ["US", "6270"],
    ["CA", "12345"],
    ["GB", "12345"],
    ["BY", "22003"],
    ["DE", "1011"],
  ])("%s refuses %s and shows what it should look like", (country, code) => {
    expect(postalCodeIssue(country, code)).toContain(postalExample(country)!);
  });

  it("says which country's format the code misses, at the postal code field, in the sale and customer schemas alike", () => {
    for (const schema of [billingSchema, customerSchema]) {
      const r = schema.safeParse({ ...billing, country: "US" });
      expect(r.success).toBe(false);
      expect(r.error!.issues).toEqual([expect.objectContaining({ path: ["postalCode"], message: expect.stringContaining("United States ZIP code looks like 12345") })]);
      expect(schema.safeParse(billing).success).toBe(true);
    }
  });

  it("reports the postal code with the other fields' errors, not only once they are fixed", () => {
    const r = billingSchema.safeParse({ ...billing, firstName: "", country: "US" });
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["firstName", "postalCode"]));
  });

  it("starts a new customer in the merchant's country, else the currency's, else the United States", () => {
    expect(defaultBillingCountry("BY", "USD")).toBe("BY");
    expect(defaultBillingCountry("", "BYN")).toBe("BY");
    expect(defaultBillingCountry("", "GBP")).toBe("GB");
    expect(defaultBillingCountry("", "EUR")).toBe("US");
    expect(defaultBillingCountry("XX", "CAD")).toBe("CA");
  });
});
