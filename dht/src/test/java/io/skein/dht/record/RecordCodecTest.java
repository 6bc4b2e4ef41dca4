package io.skein.dht.record;

import static io.skein.dht.record.RecordValidatorTest.OWNER;
import static io.skein.dht.record.RecordValidatorTest.SALT;
import static io.skein.dht.record.RecordValidatorTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Round trips and bounded decoding of records. */
class RecordCodecTest {
  @Test
  void recordsRoundTrip() {
    Record[] records = {
      ImmutableRecord.of(bytes("hello")),
      ImmutableRecord.of(new byte[0]),
      MutableRecord.sign(OWNER, SALT, 42, bytes("v")),
      MutableRecord.sign(OWNER, new byte[0], Long.MAX_VALUE, new byte[300]),
    };
    for (Record r : records) {
      byte[] encoded = RecordCodec.encode(r);
      assertThat(encoded).hasSize(RecordCodec.encodedLength(r));
      assertThat(RecordCodec.decode(encoded)).isEqualTo(r);
    }
  }

  @Test
  void storedRecordRoundTrips() {
    StoredRecord s = new StoredRecord(MutableRecord.sign(OWNER, SALT, 1, bytes("v")), 123_456L);
    assertThat(RecordCodec.decodeStored(RecordCodec.encodeStored(s), 1024)).isEqualTo(s);
  }

  @Test
  void valueAboveTheBoundIsRejectedBeforeAllocating() {
    byte[] encoded = RecordCodec.encode(ImmutableRecord.of(new byte[100]));
    assertThatThrownBy(() -> RecordCodec.decode(encoded, 0, encoded.length, 99))
        .isInstanceOf(RecordFormatException.class);
    byte[] huge = {RecordCodec.IMMUTABLE, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertThatThrownBy(() -> RecordCodec.decode(huge)).isInstanceOf(RecordFormatException.class);
  }

  @Test
  void truncatedAndTrailingBytesAreRejected() {
    byte[] encoded = RecordCodec.encode(MutableRecord.sign(OWNER, SALT, 1, bytes("v")));
    assertThatThrownBy(() -> RecordCodec.decode(encoded, 0, encoded.length - 1, 1024))
        .isInstanceOf(RecordFormatException.class);
    byte[] longer = java.util.Arrays.copyOf(encoded, encoded.length + 1);
    assertThatThrownBy(() -> RecordCodec.decode(longer)).isInstanceOf(RecordFormatException.class);
  }

  @Property(tries = 2000)
  void arbitraryBytesDecodeOrFailWithRecordFormatException(@ForAll byte[] data) {
    try {
      Record r = RecordCodec.decode(data);
      assertThat(RecordCodec.encode(r)).isEqualTo(data);
    } catch (RecordFormatException expected) {
      // the only failure allowed
    }
  }

  @Property(tries = 500)
  void flippedBytesOfAValidRecordNeverEscapeAsAnotherException(
      @ForAll int position, @ForAll byte flip) {
    byte[] encoded = RecordCodec.encode(MutableRecord.sign(OWNER, SALT, 9, bytes("value")));
    encoded[Math.floorMod(position, encoded.length)] ^= flip;
    try {
      RecordCodec.decode(encoded);
    } catch (RecordFormatException expected) {
      // fine
    }
  }
}
