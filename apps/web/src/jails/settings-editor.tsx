import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { JailSettings } from '../api/types.ts';
import { formatDuration } from '../format/duration.ts';
import { changeJailSettings, type EditableSetting } from './jail-control-endpoints.ts';
import { invalidateJail } from './jail-queries.ts';
import { readSettingInput } from './setting-input.ts';

const FIELDS: { setting: EditableSetting; label: string; hint: string }[] = [
  { setting: 'bantime', label: 'Ban time', hint: 'seconds, or 10m, 1h, 1d; -1 = permanent' },
  { setting: 'findtime', label: 'Find time', hint: 'seconds, or 10m, 1h, 1d' },
  { setting: 'maxretry', label: 'Max retries', hint: '1 to 1000' },
];

const shown = (setting: EditableSetting, value: number) =>
  setting === 'maxretry' ? String(value) : `${formatDuration(value)} (${value} s)`;

/** Inline editors for the three numbers admins tune most, one save per field. */
export function SettingsEditor({ jail, settings }: { jail: string; settings: JailSettings }) {
  return (
    <section className="card" aria-labelledby="edit-settings-title" data-testid="settings-editor">
      <h2 id="edit-settings-title">Edit settings</h2>
      {FIELDS.map((field) => (
        <SettingField
          key={field.setting}
          jail={jail}
          current={settings[field.setting]}
          {...field}
        />
      ))}
    </section>
  );
}

interface FieldProps {
  jail: string;
  setting: EditableSetting;
  label: string;
  hint: string;
  current: number;
}

function SettingField({ jail, setting, label, hint, current }: FieldProps) {
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (value: number | string) => changeJailSettings(jail, { [setting]: value }),
    onSuccess: async () => {
      setText('');
      await invalidateJail(client, jail);
    },
  });
  const id = `edit-${setting}-input`;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const read = readSettingInput(setting, text);
    if ('error' in read) {
      mutation.reset();
      setInvalid(read.error);
      return;
    }
    setInvalid(null);
    mutation.mutate(read.value);
  };
  const error = invalid ?? (mutation.isError ? mutation.error.message : null);
  const change = mutation.data?.changes[0];
  return (
    <form className="setting-edit" onSubmit={onSubmit} data-testid={`edit-${setting}`}>
      <label htmlFor={id}>
        {label} <span className="muted">now {shown(setting, current)}</span>
      </label>
      <div className="inline-row">
        <input
          id={id}
          value={text}
          inputMode={setting === 'maxretry' ? 'numeric' : 'text'}
          autoComplete="off"
          spellCheck={false}
          placeholder={hint}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" disabled={mutation.isPending || text.trim() === ''}>
          Save {label.toLowerCase()}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="error" data-testid={`${setting}-error`}>
          {error}
        </p>
      )}
      {change && !error && (
        <p role="status" className="result ok" data-testid={`${setting}-result`}>
          {label} is now {shown(setting, change.to)} in fail2ban (was {shown(setting, change.from)}
          ).
        </p>
      )}
    </form>
  );
}
