// The last spans each project sent to the bridge while it has no destination, for the admin API.

/** Options of {@link createRecentSpans}. */
export interface RecentSpansOptions {
  /** Spans kept per project (oldest dropped). Default 100. */
  perProject?: number
  /** Projects kept (least recently written dropped). Default 1000. */
  maxProjects?: number
}

/** A bounded store of OTLP/JSON spans per project, in memory (per control-plane process). */
export interface RecentSpans {
  add(projectId: string, spans: readonly unknown[]): void
  list(projectId: string): unknown[]
}

/**
 * @example
 * const recent = createRecentSpans({ perProject: 50 })
 * recent.add('proj_1', spans)
 * recent.list('proj_1')
 */
export function createRecentSpans(options: RecentSpansOptions = {}): RecentSpans {
  const perProject = options.perProject ?? 100
  const maxProjects = options.maxProjects ?? 1000
  const byProject = new Map<string, unknown[]>()
  return {
    add(projectId, spans) {
      const kept = byProject.get(projectId) ?? []
      byProject.delete(projectId)
      kept.push(...spans)
      if (kept.length > perProject) kept.splice(0, kept.length - perProject)
      byProject.set(projectId, kept)
      if (byProject.size > maxProjects) byProject.delete(byProject.keys().next().value as string)
    },
    list: (projectId) => [...(byProject.get(projectId) ?? [])],
  }
}
