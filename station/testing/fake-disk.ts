import { open, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { vi } from "vitest";

/**
 * A disk that runs out of space, for store tests: every write through a `FileHandle` (appends
 * and `writeFile` alike) takes bytes from `free`. A write larger than what is left writes the
 * part that fits and returns a short `bytesWritten`; a write with nothing left throws ENOSPC,
 * which is what Linux does on a full ext4 or tmpfs. Set `free` back to Infinity to "free space".
 * Undone by `vi.restoreAllMocks()`.
 */
export interface FakeDisk {
  /** Bytes that can still be written. */
  free: number;
  /** Writes that came back short, and writes that threw ENOSPC, so far. */
  shortWrites: number;
  refused: number;
}

type WriteFn = (
  this: FileHandle,
  data: Uint8Array,
  offset: number,
  length: number,
  position: number | null | undefined,
) => Promise<{ bytesWritten: number; buffer: Uint8Array }>;
type WriteFileFn = (this: FileHandle, data: string | Uint8Array, options?: unknown) => Promise<void>;

/** An ENOSPC error shaped like the one Node raises. */
export function noSpace(syscall = "write"): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, ${syscall}`), {
    code: "ENOSPC",
    errno: -28,
    syscall,
  });
}

/** Installs the full-disk behaviour on every FileHandle in this process. */
export async function fakeDisk(free = Infinity): Promise<FakeDisk> {
  const probe = await open(tmpdir(), "r");
  const proto = Object.getPrototypeOf(probe) as { write: WriteFn; writeFile: WriteFileFn };
  await probe.close();
  const realWrite = proto.write;
  const realWriteFile = proto.writeFile;
  const disk: FakeDisk = { free, shortWrites: 0, refused: 0 };

  vi.spyOn(proto, "write").mockImplementation(async function (
    this: FileHandle,
    data: Uint8Array | string,
    ...rest: unknown[]
  ) {
    // Both call shapes: write(string, position?) and write(buffer, offset?, length?, position?).
    const text = typeof data === "string";
    const buf = text ? Buffer.from(data) : data;
    const offset = text ? 0 : ((rest[0] as number | undefined) ?? 0);
    const length = text ? buf.length : ((rest[1] as number | undefined) ?? buf.length - offset);
    const position = (text ? rest[0] : rest[2]) as number | null | undefined;
    const fits = Math.min(length, disk.free);
    if (length > 0 && fits === 0) {
      disk.refused++;
      throw noSpace();
    }
    if (fits < length) disk.shortWrites++;
    const out = await realWrite.call(this, buf, offset, fits, position);
    disk.free -= out.bytesWritten;
    return out;
  } as WriteFn);

  vi.spyOn(proto, "writeFile").mockImplementation(async function (
    this: FileHandle,
    data: string | Uint8Array,
    options?: unknown,
  ) {
    const bytes = typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
    if (bytes > disk.free) {
      disk.refused++;
      throw noSpace();
    }
    await realWriteFile.call(this, data, options);
    disk.free -= bytes;
  } as WriteFileFn);

  return disk;
}
