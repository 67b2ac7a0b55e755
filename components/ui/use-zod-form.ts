"use client";

// The one form pattern: react-hook-form validated by the same zod schema the server action uses.
// Schemas are zod/mini (lib/validation): the same rules and messages at a fraction of the JavaScript.
import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useState } from "react";
import { get, useForm, type FieldPath, type FieldValues, type UseFormProps, type UseFormRegister } from "react-hook-form";
import type { $ZodType } from "zod/v4/core";

export type ZodForm<TInput extends FieldValues, TOutput extends FieldValues = TInput> = ReturnType<typeof useZodForm<TInput, TOutput>>;

export function useZodForm<TInput extends FieldValues, TOutput extends FieldValues>(
  schema: $ZodType<TOutput, TInput>,
  options: Omit<UseFormProps<TInput, unknown, TOutput>, "resolver"> = {},
) {
  const form = useForm<TInput, unknown, TOutput>({
    resolver: zodResolver(schema),
    shouldFocusError: true,
    mode: "onSubmit",
    reValidateMode: "onChange",
    ...options,
  });
  // register() fills a field only once the page is hydrated: until then the server's HTML showed
  // empty inputs and each select's first option (the settings page read "Africa/Abidjan" as the
  // merchant's time zone). The first render's defaults go into the HTML too; kept from the first
  // render so that React never resets a select the clerk has changed.
  const [initial] = useState(() => (typeof options.defaultValues === "object" ? options.defaultValues : undefined));
  // control.register is react-hook-form's own; form.register is replaced below on every render.
  const registerField = form.control.register;
  const register = useCallback<UseFormRegister<TInput>>(
    (name, opts) => {
      const props = registerField(name, opts);
      const value: unknown = get(initial, name);
      if (typeof value === "string" || typeof value === "number") return { ...props, defaultValue: value };
      if (typeof value === "boolean") return { ...props, defaultChecked: value };
      return props;
    },
    [registerField, initial],
  );
  /** A radio button of `name`: its own value, checked in the server's HTML when it is the default. */
  const radio = useCallback(
    (name: FieldPath<TInput>, value: string) => ({ ...registerField(name), value, defaultChecked: get(initial, name) === value }),
    [registerField, initial],
  );
  return Object.assign(form, { register, radio });
}
