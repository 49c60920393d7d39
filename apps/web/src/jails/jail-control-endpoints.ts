import { request } from '../api/request.ts';

export type ControlAction = 'start' | 'stop' | 'reload';
export type EditableSetting = 'bantime' | 'findtime' | 'maxretry';

export interface ControlResult {
  jail: string;
  action: ControlAction;
  running: boolean;
}

export interface SettingsResult {
  jail: string;
  changes: { setting: EditableSetting; from: number; to: number }[];
  persisted: false;
  note: string;
}

export interface IgnoreIpResult {
  jail: string;
  added: string[];
  removed: string[];
  ignoreip: string[];
  persisted: false;
  note: string;
}

const path = (jail: string, what: string) => `api/jails/${encodeURIComponent(jail)}/${what}`;

export const controlJail = (jail: string, action: ControlAction) =>
  request<ControlResult>(path(jail, action), { method: 'POST', body: {} });

export const changeJailSettings = (
  jail: string,
  changes: Partial<Record<EditableSetting, number | string>>,
) => request<SettingsResult>(path(jail, 'settings'), { method: 'PATCH', body: changes });

export const changeIgnoreIp = (jail: string, change: { add?: string[]; remove?: string[] }) =>
  request<IgnoreIpResult>(path(jail, 'ignoreip'), { method: 'POST', body: change });
