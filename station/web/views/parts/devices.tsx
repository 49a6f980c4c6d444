import type { DeviceStatus } from "#contract/domain.js";

const stateWords: Record<DeviceStatus["state"], string> = {
  connected: "OK",
  disconnected: "unplugged",
  error: "error",
  unknown: "unknown",
};

/** Each device with its state in words and its last reading or failure reason. */
export function DeviceList({ devices }: { devices: readonly DeviceStatus[] }) {
  return (
    <ul class="devices">
      {devices.map((d) => (
        <li class={`device device-${d.state}`} data-kind={d.kind}>
          <span class="device-name">{d.name}</span>
          <span class="device-state">{stateWords[d.state]}</span>
          <small class="device-reading">{d.reason ?? d.lastReading ?? ""}</small>
        </li>
      ))}
    </ul>
  );
}
