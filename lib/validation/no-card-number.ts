// Free-text fields refuse a card number typed into them (the wrong field, or a search by card
// number): it would otherwise be sent to the gateway as an order number, stored, or put in a URL.
import * as z from "zod/mini";
import { containsCardNumber } from "../card";

/** The message a field shows for a card number typed into it. */
export const cardNumberMessage = (label: string) => `${label} must not hold a card number: key the card in the card number field only`;

/**
 * A check for a text schema: refuses text holding a card number, naming the field. It runs only when
 * the checks before it passed: text already refused (too long: a 1 MB paste) is not scanned as well.
 */
export const noCardNumber = (label: string, message = cardNumberMessage(label)) =>
  z.refine<string>((value) => !containsCardNumber(value), { message, when: (payload) => payload.issues.length === 0 });
