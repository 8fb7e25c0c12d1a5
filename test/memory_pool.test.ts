// The device-independent memory pool (devices/memory_pool.ts) over a counting fake allocator:
// reuse by size class, release at once, the memory limit, and reuse of handles that a
// synchronous loop drops after they outlived young-generation collections.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MemoryPool, PooledBuffer, type Allocation } from "tsflow/internal/devices/memory_pool";
import { collectsSynchronously } from "tsflow/internal/devices/native/weak_handles";
import { ResourceExhaustedError } from "tsflow/internal/errors/errors";

class Counting {
  made = 0;
  destroyed = 0;
  private next = 1;
  create(): number { this.made++; return this.next++; }
  destroy(): void { this.destroyed++; }
}

function pool(limit = Infinity, maxPooled = 1 << 30): { raw: Counting; pool: MemoryPool<number, PooledBuffer<number>> } {
  const raw = new Counting();
  const p = new MemoryPool<number, PooledBuffer<number>>(
    { create: () => raw.create(), destroy: () => raw.destroy() },
    (a: Allocation<number>, bytes: number) => new PooledBuffer(a, bytes),
    "/job:localhost/replica:0/task:0/device:FAKE:0", limit, maxPooled,
  );
  return { raw, pool: p };
}

test("a released buffer is handed out again for a request of its size class", () => {
  const { raw, pool: p } = pool();
  const a = p.alloc(100, () => "a");
  assert.equal(a.capacity, 128);
  p.release(a);
  const b = p.alloc(120, () => "b");
  assert.equal(b.id, a.id);
  assert.equal(raw.made, 1);
  const c = p.alloc(200, () => "c");
  assert.notEqual(c.id, b.id);
  assert.equal(c.capacity, 256);
  assert.equal(raw.made, 2);
  assert.equal(p.inUse, 128 + 256);
});

test("a shared buffer goes back to the pool with its last handle", () => {
  const { pool: p } = pool();
  const a = p.alloc(16, () => "a");
  const b = p.share(a);
  p.release(a);
  assert.equal(p.inUse, 16);
  p.release(b);
  assert.equal(p.inUse, 0);
  assert.equal(p.pooled, 16);
});

test("a request past the memory limit raises ResourceExhaustedError naming the request and the device", () => {
  const { pool: p } = pool(1024);
  const held = p.alloc(1000, () => "a tensor of 1000 bytes");
  assert.throws(() => p.alloc(64, () => "a tensor with shape [16] and type float"), (e: unknown) => {
    assert.ok(e instanceof ResourceExhaustedError);
    assert.match(e.message, /shape \[16\] and type float/);
    assert.match(e.message, /device:FAKE:0/);
    return true;
  });
  assert.equal(p.inUse, 1024);
  p.release(held);
});

test("handles dropped after they outlived young-generation collections are reused within a synchronous loop", { skip: collectsSynchronously() ? false : "the native addon is not built: collected handles are reported only between tasks" }, () => {
  const { raw, pool: p } = pool();
  // Hold 2000 handles across many scavenges (so that they are promoted), then drop them all.
  let held: PooledBuffer<number>[] | null = [];
  for (let i = 0; i < 2000; i++) held.push(p.alloc(64, () => "x"));
  let junk = 0;
  for (let i = 0; i < 200_000; i++) junk += new Array<number>(16).fill(i).length;
  assert.equal(junk, 3_200_000);
  held = null;
  const before = raw.made;
  for (let i = 0; i < 4000; i++) p.alloc(64, () => "y");
  // Without a full collection each of the 4000 would need a new buffer while the promoted
  // handles wait for one; the pool runs one once it has made 256 and its buffers have doubled.
  assert.ok(raw.made - before <= 1000, `made ${raw.made - before} new buffers for 4000 requests`);
});
