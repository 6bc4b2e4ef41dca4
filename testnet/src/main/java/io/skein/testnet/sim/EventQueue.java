package io.skein.testnet.sim;

import java.util.Arrays;

/**
 * A binary min-heap of {@link SimEvent}s ordered by (time, seq). Sequence numbers are unique and
 * increasing, so events at the same virtual time run in the order they were scheduled and the order
 * never depends on the heap's internals.
 */
final class EventQueue {
  private SimEvent[] heap = new SimEvent[1024];
  private int size;
  private long nextSeq;
  private SimEvent free;

  /** A cleared entry from the free list (or a new one) with this time and kind. */
  SimEvent obtain(long time, byte kind) {
    SimEvent e = free;
    if (e != null) {
      free = e.nextFree;
      e.nextFree = null;
    } else {
      e = new SimEvent();
    }
    e.time = time;
    e.kind = kind;
    return e;
  }

  /** Returns an entry that left the queue to the free list. */
  void recycle(SimEvent e) {
    e.clear();
    e.nextFree = free;
    free = e;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Time of the earliest event; only valid when not empty. */
  long peekTime() {
    return heap[0].time;
  }

  void add(SimEvent e) {
    e.seq = nextSeq++;
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      SimEvent p = heap[parent];
      if (!before(e, p)) {
        break;
      }
      heap[i] = p;
      i = parent;
    }
    heap[i] = e;
  }

  /** Removes and returns the earliest event, or null. */
  SimEvent poll() {
    if (size == 0) {
      return null;
    }
    SimEvent top = heap[0];
    SimEvent last = heap[--size];
    heap[size] = null;
    if (size > 0) {
      int i = 0;
      int half = size >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        SimEvent c = heap[child];
        int right = child + 1;
        if (right < size && before(heap[right], c)) {
          child = right;
          c = heap[child];
        }
        if (!before(c, last)) {
          break;
        }
        heap[i] = c;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }

  private static boolean before(SimEvent a, SimEvent b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }
}
