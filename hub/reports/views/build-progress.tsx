/**
 * A report that takes a while is built behind a server-sent event stream: the page opens it
 * (htmx's SSE extension, no hand-written script), each `progress` event replaces the progress line,
 * and the `done` event brings the report and closes the stream.
 */
import type { Child } from "hono/jsx";

/** The part of a page a streamed build fills in. */
export function StreamedBuild(props: { stream: string; children?: Child }) {
  return (
    <div hx-ext="sse" sse-connect={props.stream} sse-close="done">
      <div id="rp-build" sse-swap="progress,done" aria-live="polite">
        {props.children ?? <BuildProgress done={0} of={1} what="starting" />}
      </div>
    </div>
  );
}

export function BuildProgress(props: { done: number; of: number; what: string }) {
  return (
    <p class="rp-progress" data-progress={`${props.done}/${props.of}`}>
      <progress max={props.of} value={props.done} /> <span>Building the report: {props.what}…</span>
    </p>
  );
}
