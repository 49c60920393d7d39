import { useState } from 'react';

/**
 * State for a filter form whose fields are all strings, applied on submit: `field`
 * gives each input its id (`<prefix>-<name>`), value and change handler.
 */
export function useFilterForm<F extends Record<string, string>>(prefix: string, initial: F) {
  const [form, setForm] = useState(initial);
  const field = (name: keyof F & string) => ({
    id: `${prefix}-${name}`,
    value: form[name],
    onChange: (event: { target: { value: string } }) =>
      setForm((current) => ({ ...current, [name]: event.target.value })),
  });
  return { form, field };
}
