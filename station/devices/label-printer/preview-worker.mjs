// Label preview renderer, run as a child process so the ~120 MB WASM heap of zpl-renderer-js
// never counts against the station's own memory; the parent stops it when idle.
// Messages in: { id, zpl, widthMm, heightMm, dpmm }; out: { id, png } (base64) or { id, error }.
const { ready } = await import("zpl-renderer-js");
const { api } = await ready;
process.on("message", async (m) => {
  try {
    const png = await api.zplToBase64Async(m.zpl, m.widthMm, m.heightMm, m.dpmm);
    process.send({ id: m.id, png });
  } catch (e) {
    process.send({ id: m.id, error: String(e) });
  }
});
process.send({ ready: true });
