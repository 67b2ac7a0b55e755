"use client";

// The one form pattern: react-hook-form validated by the same zod schema the server action uses.
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type FieldValues, type UseFormProps } from "react-hook-form";
import type { z } from "zod";

export function useZodForm<TInput extends FieldValues, TOutput extends FieldValues>(
  schema: z.ZodType<TOutput, TInput>,
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
