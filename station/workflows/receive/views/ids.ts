/** Receiving screen swap targets (routes.tsx); the SSE event of each has the same name as its id. */
export const receiveIds = {
  page: "rx-page",
  progress: "rx-progress",
  flash: "rx-flash",
  line: "rx-line",
  lines: "rx-lines",
  labels: "rx-labels",
  notice: "rx-notice",
  coa: "rx-coa",
} as const;
