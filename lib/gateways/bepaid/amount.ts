// bePaid amounts are integers in the currency's minor units by bePaid's own exponent table
// (spec §1, the PHP SDK's Money.php). Ours come from lib/money; convert between the two so a
// currency the tables disagree on can never be sent off by a factor of ten.
import { minorExponent } from "../../money";
import type { Money } from "../types";

const ZERO = "BIF BYR CLF CLP CVE DJF GNF IDR IQD IRR ISK JPY KMF KPW KRW LAK LBP MMK PYG RWF SLL STD UYI VND VUV XAF XOF XPF".split(" ");
const ONE = ["MOP"];
const THREE = ["BHD", "JOD", "KWD", "LYD", "OMR", "TND"];

export function bepaidExponent(currency: string): number {
  const c = currency.toUpperCase();
  if (ZERO.includes(c)) return 0;
  if (ONE.includes(c)) return 1;
  if (THREE.includes(c)) return 3;
  return 2;
}

/** Our minor units → bePaid minor units; undefined when the amount cannot be expressed exactly. */
export function toBepaidAmount(money: Money): number | undefined {
  const shift = bepaidExponent(money.currency) - minorExponent(money.currency);
  const value = shift >= 0 ? money.amount * 10 ** shift : money.amount / 10 ** -shift;
  return Number.isSafeInteger(value) ? value : undefined;
}

/** bePaid minor units → ours (rounded only if the tables disagree and bePaid has more digits). */
export function fromBepaidAmount(amount: number, currency: string): number {
  const shift = minorExponent(currency) - bepaidExponent(currency);
  return shift >= 0 ? amount * 10 ** shift : Math.round(amount / 10 ** -shift);
}
