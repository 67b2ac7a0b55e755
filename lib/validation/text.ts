// Text fields shared by the schemas in lib/validation (trimmed, bounded, never a card number).
import * as z from "zod/mini";
import { noCardNumber } from "./no-card-number";

export const text = (label: string, max: number) => z.string().check(z.trim(), z.maxLength(max, `${label} is too long (at most ${max} characters)`), noCardNumber(label));
export const required = (label: string, max: number) => text(label, max).check(z.minLength(1, `Enter the ${label.toLowerCase()}`));
/** Absent means "" (an optional text field the form may leave out). */
export const optionalText = (schema: z.ZodMiniType<string, string>) => z._default(z.optional(schema), "");
