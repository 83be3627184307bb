import type { AuditEntry } from '@patientinsight/shared';

/** Actions that only look at data: an open page that re-reads every few seconds writes many of these. */
const READ_ACTION = /\.(read|list|queue|dashboard|history)$/;

/** One line of the trail's view: a single entry, or a run of the same read by the same person. */
export interface AuditLine {
  /** Newest first, like the page. */
  entries: AuditEntry[];
}

const sameRead = (a: AuditEntry, b: AuditEntry) =>
  READ_ACTION.test(a.action) &&
  a.action === b.action &&
  a.actorId === b.actorId &&
  a.resourceType === b.resourceType &&
  a.resourceId === b.resourceId &&
  a.patientId === b.patientId &&
  a.outcome === b.outcome;

/**
 * Folds consecutive repeats of one read of one resource by one person into a line, for reading
 * only: every row stays in the trail and in the page, and the line can be opened to show them.
 * Writes, denials and anything else are never folded.
 */
export function collapseReads(entries: readonly AuditEntry[]): AuditLine[] {
  const lines: AuditLine[] = [];
  for (const entry of entries) {
    const last = lines.at(-1);
    const head = last?.entries[0];
    if (last && head && sameRead(head, entry)) last.entries.push(entry);
    else lines.push({ entries: [entry] });
  }
  return lines;
}
