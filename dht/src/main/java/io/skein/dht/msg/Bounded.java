package io.skein.dht.msg;

import io.skein.dht.Contact;
import io.skein.dht.DhtLimits;
import java.util.List;

/** Length checks shared by the messages. */
final class Bounded {
  private Bounded() {}

  static List<Contact> contacts(List<Contact> contacts) {
    if (contacts == null) {
      return List.of();
    }
    if (contacts.size() > DhtLimits.MAX_CONTACTS_PER_REPLY) {
      throw new IllegalArgumentException(
          contacts.size() + " contacts, at most " + DhtLimits.MAX_CONTACTS_PER_REPLY);
    }
    return List.copyOf(contacts);
  }
}
