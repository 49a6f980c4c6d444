/** htmx target ids of the POS page, used for both `id=` and `hx-target=`. */
export const posIds = {
  upload: "pos-upload",
  progress: "pos-progress",
  progressText: "pos-progress-text",
  report: "pos-report",
  imports: "pos-imports",
  mappings: "pos-mappings",
  mappingSelect: "pos-mapping",
} as const;
