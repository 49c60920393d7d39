/**
 * Control characters never occur in an ID fail2ban reports (it splits log
 * lines on them), so an ID holding one is refused wherever IDs come in.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
