package io.skein.node.wire;

import static io.skein.node.wire.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.skein.crypto.KeyPair;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the codec over generated inputs (the bulk fuzzing is in {@link WireFuzzTest}). */
class FrameCodecPropertyTest {
  private final KeyPair aliceKey = Fixtures.key(1);
  private final FrameCodec alice = Fixtures.codec(aliceKey);
  private final FrameCodec bob = Fixtures.codec(Fixtures.key(2));
  private final byte[] valid =
      alice.encode(
          Note.TYPE,
          bob.localId(),
          alice.nextRequestId(),
          new Note("text", List.of("t1", "t2"), new byte[] {1, 2, 3}),
          NOW);

  @Property(tries = 3_000)
  void arbitraryBytesAreAlwaysDroppedNeverThrown(@ForAll @Size(max = 700) byte[] bytes) {
    Decoded decoded = bob.decode(bytes, NOW);

    assertThat(decoded).isInstanceOf(DropReason.class);
  }

  @Property(tries = 2_000)
  void aValidFrameWithAnyByteChangedIsDropped(
      @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll byte xor) {
    byte[] changed = valid.clone();
    changed[position % changed.length] ^= xor == 0 ? 1 : xor;

    assertThat(bob.decode(changed, NOW)).isInstanceOf(DropReason.class);
  }

  @Property(tries = 500)
  void anyPingRoundTrips(@ForAll long sentAtNanos, @ForAll @Size(max = 1_024) byte[] padding) {
    Ping ping = new Ping(sentAtNanos, padding);
    byte[] frame = alice.encode(Ping.TYPE, null, alice.nextRequestId(), ping, NOW);

    assertThat(((InboundFrame) bob.decode(frame, NOW)).payload()).isEqualTo(ping);
  }

  @Property(tries = 500)
  void anyNoteRoundTrips(
      @ForAll("text") String text,
      @ForAll @Size(max = Note.MAX_TAGS) List<@net.jqwik.api.From("tag") String> tags,
      @ForAll @Size(max = Note.MAX_BLOB_BYTES) byte[] blob) {
    Note note = new Note(text, tags, blob);
    byte[] frame = alice.encode(Note.TYPE, null, alice.nextRequestId(), note, NOW);

    assertThat(((InboundFrame) bob.decode(frame, NOW)).payload()).isEqualTo(note);
  }

  /** Up to 66 characters of up to 3 UTF-8 bytes each: within the 200-byte cap. */
  @Provide
  Arbitrary<String> text() {
    return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(66);
  }

  /** Up to 10 characters of up to 3 UTF-8 bytes each: within the 32-byte cap. */
  @Provide
  Arbitrary<String> tag() {
    return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(10);
  }
}
