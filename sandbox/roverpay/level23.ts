// Level 2 / Level 3 validation (spec §7, rules 1–8). A violation never blocks the payment: each
// becomes a warning in the reply's comma-joined `level23Errors`. Texts follow the documented
// examples ("orderdate is required for Level 3"): `<field> <problem> for Level 2|3` (PROPOSED).

type Obj = Record<string, unknown>;

const L3_ORDER_FIELDS = ["frtamnt", "dutyamnt", "orderdate", "shiptozip", "shipfromzip", "shiptocountry", "discamnt", "items"] as const;

const isObject = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** A field as sent: "" when absent; null when it is not a string (every scalar is a string, §1.1). */
function str(o: Obj, name: string): string | null {
  const v = o[name];
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v.trim() : null;
}

/** Implied-decimal cents: an integer string. */
const CENTS = /^-?\d+$/;

/** The warnings for a request's `level23` value (absent → none). */
export function level23Errors(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) return ["level23 must be an object for Level 2"];
  const out: string[] = [];

  /** An amount field: its cents, 0 when absent; a warning and null when not an integer string. */
  const amount = (o: Obj, name: string, label: string, level: 2 | 3): number | null => {
    const raw = str(o, name);
    if (raw === "") return 0;
    if (raw === null || !CENTS.test(raw)) {
      out.push(`${label} must be an amount in cents for Level ${level}`);
      return null;
    }
    return Number(raw);
  };

  // Rule 1 (Level 2).
  const taxRaw = str(value, "taxamnt");
  const exemptRaw = str(value, "taxexempt");
  const exempt = exemptRaw === "Y";
  if (exemptRaw === null || (exemptRaw !== "" && exemptRaw !== "Y" && exemptRaw !== "N")) out.push("taxexempt must be Y or N for Level 2");
  const tax = amount(value, "taxamnt", "taxamnt", 2);
  if (exempt && tax !== null && tax !== 0) out.push("taxamnt must be 0 when taxexempt is Y for Level 2");
  if (!exempt && tax === 0) out.push("taxamnt is required for Level 2");
  if (str(value, "ponumber") === null) out.push("ponumber must be a string for Level 2");

  const level3 = L3_ORDER_FIELDS.some((f) => value[f] !== undefined && value[f] !== null);
  if (!level3) return out;

  // Rule 2.
  if (taxRaw === "") out.push("taxamnt is required for Level 3");
  // Rule 3.
  const orderdate = str(value, "orderdate");
  if (orderdate === "") out.push("orderdate is required for Level 3");
  else if (orderdate === null || !/^\d{8}$/.test(orderdate)) out.push("orderdate must be 8 digits (YYYYMMDD) for Level 3");
  // Rule 4.
  const country = str(value, "shiptocountry");
  const us = country === "" || country?.toUpperCase() === "US";
  for (const name of ["shiptozip", "shipfromzip"]) {
    const zip = str(value, name);
    if (zip === "") out.push(`${name} is required for Level 3`);
    else if (zip === null || (us && !/^(\d{5}|\d{9})$/.test(zip))) out.push(`${name} must be 5 or 9 digits for Level 3`);
  }
  const freight = amount(value, "frtamnt", "frtamnt", 3);
  amount(value, "dutyamnt", "dutyamnt", 3);
  amount(value, "discamnt", "discamnt", 3);

  // Rule 5.
  const items = Array.isArray(value.items) ? value.items : [];
  if (items.length === 0) {
    out.push("items is required for Level 3");
    return out;
  }
  let itemTax = 0;
  let taxesKnown = true;
  const nets: number[] = [];
  items.forEach((raw, i) => {
    const label = `item ${i + 1}`;
    if (!isObject(raw)) {
      out.push(`${label} must be an object for Level 3`);
      taxesKnown = false;
      return;
    }
    for (const name of ["description", "quantity", "uom", "netamnt", "taxamnt"]) {
      if (str(raw, name) === "") out.push(`${label} ${name} is required for Level 3`);
    }
    const quantity = str(raw, "quantity");
    if (quantity === null || (quantity !== "" && !/^\d+(\.\d+)?$/.test(quantity))) out.push(`${label} quantity must be a number for Level 3`);
    // Rule 6.
    const upc = str(raw, "upc");
    if (upc === null || (upc !== "" && /^0+$/.test(upc))) out.push(`${label} upc must not be all zeros for Level 3`);
    const net = amount(raw, "netamnt", `${label} netamnt`, 3);
    if (net !== null && str(raw, "netamnt") !== "") nets.push(net);
    amount(raw, "unitcost", `${label} unitcost`, 3);
    amount(raw, "discamnt", `${label} discamnt`, 3);
    const t = amount(raw, "taxamnt", `${label} taxamnt`, 3);
    if (t === null) taxesKnown = false;
    else itemTax += t;
  });
  // Rule 7.
  if (freight !== null && freight !== 0 && !nets.includes(freight)) out.push("frtamnt must equal an item's netamnt for Level 3");
  // Rule 8.
  if (taxesKnown && tax !== null && itemTax !== tax) out.push("taxamnt must equal the sum of the items' taxamnt for Level 3");
  return out;
}
