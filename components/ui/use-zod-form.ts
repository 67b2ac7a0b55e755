"use client";

// The one form pattern: react-hook-form validated by the same zod schema the server action uses.
// Schemas are zod/mini (lib/validation): the same rules and messages at a fraction of the JavaScript.
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type FieldValues, type UseFormProps } from "react-hook-form";
import type { $ZodType } from "zod/v4/core";

export function useZodForm<TInput extends FieldValues, TOutput extends FieldValues>(
  schema: $ZodType<TOutput, TInput>,
  options: Omit<UseFormProps<TInput, unknown, TOutput>, "resolver"> = {},
) {
  return useForm<TInput, unknown, TOutput>({
    resolver: zodResolver(schema),
    shouldFocusError: true,
    mode: "onSubmit",
    reValidateMode: "onChange",
    ...options,
  });
}
