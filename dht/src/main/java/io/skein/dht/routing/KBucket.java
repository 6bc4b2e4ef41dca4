package io.skein.dht.routing;

import io.skein.crypto.NodeId;
import io.skein.dht.Contact;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One k-bucket: up to k entries ordered least recently seen first, plus a bounded replacement cache
 * of contacts that answered while the bucket was full (newest last).
 */
final class KBucket {
  /** A contact with when it was last seen and how many requests to it failed in a row. */
  static final class Entry {
    Contact contact;
    long lastSeenNanos;
    int failures;

    Entry(Contact contact, long lastSeenNanos) {
      this.contact = contact;
      this.lastSeenNanos = lastSeenNanos;
    }
  }

  final List<Entry> entries = new ArrayList<>();
  final List<Entry> replacements = new ArrayList<>();
  long lastRefreshNanos;

  KBucket(long nowNanos) {
    this.lastRefreshNanos = nowNanos;
  }

  int indexOf(NodeId id) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).contact.id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  Entry removeReplacement(NodeId id) {
    for (Iterator<Entry> it = replacements.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.contact.id().equals(id)) {
        it.remove();
        return e;
      }
    }
    return null;
  }

  /** Moves the newest replacement into the bucket, if any; whether one moved. */
  boolean promoteReplacement() {
    if (replacements.isEmpty()) {
      return false;
    }
    Entry e = replacements.remove(replacements.size() - 1);
    e.failures = 0;
    entries.add(e);
    return true;
  }
}
