import autocannon from 'autocannon';

/** Requests per second over `seconds` of closed-loop load with `connections` clients. */
export async function requestsPerSecond(
  url: string,
  options: { seconds: number; connections: number; headers?: Record<string, string> },
): Promise<number> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers,
  });
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) {
    throw new Error(
      `${url}: ${failures} failed requests (errors ${result.errors}, non-2xx ${result.non2xx})`,
    );
  }
  return result.requests.average;
}
