interface PaginationProps {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
}

/** Previous/next controls with a "21–40 of 57" summary. */
export function Pagination({ offset, limit, total, onChange }: PaginationProps) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label="Ban list pages">
      <button
        type="button"
        onClick={() => onChange(Math.max(0, offset - limit))}
        disabled={offset === 0}
      >
        Previous
      </button>
      <span aria-live="polite" data-testid="page-summary">
        {first}–{last} of {total}
      </span>
      <button type="button" onClick={() => onChange(offset + limit)} disabled={last >= total}>
        Next
      </button>
    </nav>
  );
}
