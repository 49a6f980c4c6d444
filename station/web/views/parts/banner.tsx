import type { Banner } from "#station/scans/live-feed.js";

/**
 * The banner line. An error carries an autoplaying <audio>: the SSE swap inserts it, the kiosk
 * browser (started with autoplay allowed) plays the tone, and no script is needed.
 */
export function KioskBanner({ banner }: { banner: Banner | null }) {
  if (!banner) return <></>;
  return (
    <div class={`banner banner-${banner.level}`} role={banner.level === "error" ? "alert" : "status"}>
      {banner.text}
      {banner.sound ? <audio src="/static/error.wav" autoplay /> : ""}
    </div>
  );
}
