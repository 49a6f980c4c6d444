/** Receiving screen swap targets (routes.tsx); the SSE event of each has the same name as its id. */
export const receiveIds = {
  page: "rx-page",
  progress: "rx-progress",
  flash: "rx-flash",
  line: "rx-line",
  lines: "rx-lines",
  labels: "rx-labels",
  /** Refusals of taps on the top bar and the manifest list (complete, open, resume). */
  notice: "rx-notice",
  /** Refusals of taps on the line panel and the line list, next to the line's buttons. */
  lineNotice: "rx-line-notice",
  /** Refusals of taps on the foot (reject the manifest, set aside, print again), just above it. */
  footNotice: "rx-foot-notice",
  coa: "rx-coa",
} as const;
