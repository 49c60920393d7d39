export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

export interface SseClient {
  status: number;
  headers: Headers;
  /** resolves with the first message (from any earlier or later chunk) that matches */
  next(matches?: (m: SseMessage) => boolean): Promise<SseMessage>;
  /** comment lines seen (heartbeats) */
  comments: string[];
  close(): void;
}

/** A minimal EventSource over fetch, so tests can send a cookie and Last-Event-ID. */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const waiters: Array<() => void> = [];
  let buffer = '';
  const pump = async () => {
    const reader = res.body?.getReader();
    if (!reader) return;
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
        for (const wake of waiters.splice(0)) wake();
      }
    } catch {
      // aborted by close()
    }
  };
  const parse = (block: string) => {
    const m: SseMessage = { data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comments.push(line);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
      else if (line.startsWith('id: ')) m.id = line.slice(4);
      else if (line.startsWith('event: ')) m.event = line.slice(7);
    }
    if (data.length > 0) {
      m.data = data.join('\n');
      messages.push(m);
    }
  };
  if (res.status === 200) void pump();
  return {
    status: res.status,
    headers: res.headers,
    comments,
    async next(matches = () => true) {
      for (;;) {
        const i = messages.findIndex(matches);
        if (i >= 0) return messages.splice(i, 1)[0] as SseMessage;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    close: () => controller.abort(),
  };
}
