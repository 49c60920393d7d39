/**
 * A file path that wraps at its slashes instead of mid-name: each "segment/" is its own
 * box (see `.path` in styles.css). The text content, and so copy and paste, stays the path.
 */
export function PathText({ path }: { path: string }) {
  const segments = path.split(/(?<=\/)/);
  return (
    <code className="path">
      {segments.map((segment, index) => (
        // Segments can repeat ("log/log/") and never reorder: the position is the identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <span key={index}>{segment}</span>
      ))}
    </code>
  );
}
