/**
 * Charts drawn on the server as SVG: a trend line and horizontal bars. They scale with the page
 * (viewBox, width 100% up to 36rem), so they read on a phone and print on paper: text is 15 px in a
 * 480-wide box, about 10 px on a 320 px phone column and 18 px at full width.
 */

export interface LinePoint {
  /** The x label (a business day). */
  x: string;
  /** Null where there is no figure (no count that day): the line breaks there. */
  y: number | null;
}

const W = 480;
const H = 220;
const PAD = { left: 74, right: 26, top: 14, bottom: 30 };

/** A round number at or above `max` for the y axis. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= max)!;
}

/** A trend line over days, with its y axis in `format`. */
export function LineChart(props: { title: string; points: LinePoint[]; format?: (n: number) => string; max?: number }) {
  const fmt = props.format ?? ((n: number) => String(n));
  const values = props.points.map((p) => p.y).filter((y): y is number => y !== null);
  const top = props.max ?? niceMax(Math.max(0, ...values));
  const n = props.points.length;
  const x = (i: number) => PAD.left + (n <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (v: number) => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const segments: string[] = [];
  let cur = "";
  props.points.forEach((p, i) => {
    if (p.y === null) {
      if (cur) segments.push(cur);
      cur = "";
      return;
    }
    cur += `${cur ? "L" : "M"}${x(i).toFixed(1)},${y(p.y).toFixed(1)}`;
  });
  if (cur) segments.push(cur);
  const ticks = [0, 0.5, 1].map((f) => f * top);
  const labelEvery = Math.max(1, Math.ceil(n / 6));
  return (
    <svg
      class="rp-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={props.title}
      preserveAspectRatio="xMidYMid meet"
    >
      <title>{props.title}</title>
      {ticks.map((t) => (
        <g>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} class="rp-grid" />
          <text x={PAD.left - 6} y={y(t) + 4} text-anchor="end" class="rp-axis">
            {fmt(t)}
          </text>
        </g>
      ))}
      {props.points.map((p, i) =>
        i % labelEvery === 0 || i === n - 1 ? (
          <text x={x(i)} y={H - 8} text-anchor="middle" class="rp-axis">
            {p.x.slice(5)}
          </text>
        ) : null,
      )}
      {segments.map((d) => (
        <path d={d} class="rp-line" />
      ))}
      {props.points.map((p, i) => (p.y === null ? null : <circle cx={x(i)} cy={y(p.y)} r="2.5" class="rp-dot" />))}
    </svg>
  );
}

export interface Bar {
  label: string;
  value: number;
}

/** Horizontal bars, longest first as given, each with its value in `format`. */
export function BarChart(props: { title: string; bars: Bar[]; format?: (n: number) => string }) {
  const fmt = props.format ?? ((n: number) => String(n));
  const row = 30;
  const height = Math.max(1, props.bars.length) * row + 8;
  const top = niceMax(Math.max(0, ...props.bars.map((b) => b.value)));
  const left = 190;
  const span = W - left - 80;
  return (
    <svg
      class="rp-chart"
      viewBox={`0 0 ${W} ${height}`}
      role="img"
      aria-label={props.title}
      preserveAspectRatio="xMidYMid meet"
    >
      <title>{props.title}</title>
      {props.bars.map((b, i) => (
        <g>
          <text x={left - 8} y={i * row + 21} text-anchor="end" class="rp-label">
            {b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label}
          </text>
          <rect
            x={left}
            y={i * row + 6}
            width={Math.max(1, (Math.max(0, b.value) / top) * span)}
            height={row - 12}
            class="rp-bar"
          />
          <text x={left + (Math.max(0, b.value) / top) * span + 6} y={i * row + 21} class="rp-label">
            {fmt(b.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}
