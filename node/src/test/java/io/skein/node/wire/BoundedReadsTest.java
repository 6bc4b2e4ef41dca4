package io.skein.node.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundedReadsTest {
  private static Input input(byte[] bytes) {
    PayloadInput in = new PayloadInput();
    in.window(bytes, 0, bytes.length);
    return in;
  }

  private static byte[] varintThen(int value, int zeros) {
    return Fixtures.kryoBytes(
        out -> {
          out.writeVarInt(value, true);
          out.writeBytes(new byte[zeros]);
        });
  }

  @Test
  void bytesStringsAndCountsRoundTripThroughBoundedWrites() {
    byte[] bytes =
        Fixtures.kryoBytes(
            out -> {
              BoundedWrites.writeBytes(out, new byte[] {1, 2, 3}, 3);
              BoundedWrites.writeString(out, "añb€😀", 11);
              BoundedWrites.writeCount(out, 5, 5);
              BoundedWrites.writeString(out, "", 0);
            });
    Input in = input(bytes);

    assertThat(BoundedReads.readBytes(in, 3)).containsExactly(1, 2, 3);
    assertThat(BoundedReads.readString(in, 11)).isEqualTo("añb€😀");
    assertThat(BoundedReads.readCount(in, 5)).isEqualTo(5);
    assertThat(BoundedReads.readString(in, 0)).isEmpty();
    assertThat(in.position()).isEqualTo(bytes.length);
  }

  /** 2^31 (a negative int once read), -1, 2^31 - 1 and the cap + 1, each before allocating. */
  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, Integer.MAX_VALUE, 1_025})
  void lengthsOutsideTheCapAreRefused(int length) {
    byte[] bytes = varintThen(length, 2_000);

    assertThatThrownBy(() -> BoundedReads.readBytes(input(bytes), 1_024))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("outside 0..1024");
    assertThatThrownBy(() -> BoundedReads.readString(input(bytes), 1_024))
        .isInstanceOf(WireFormatException.class);
    assertThatThrownBy(() -> BoundedReads.readCount(input(bytes), 1_024))
        .isInstanceOf(WireFormatException.class);
  }

  @Test
  void aLengthWithinTheCapButBeyondThePayloadIsRefusedBeforeAllocating() {
    byte[] bytes = varintThen(1_000, 10);

    assertThatThrownBy(() -> BoundedReads.readBytes(input(bytes), 100_000))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("exceeds the 10 left");
    assertThatThrownBy(() -> BoundedReads.readString(input(bytes), 100_000))
        .isInstanceOf(WireFormatException.class);
  }

  @Test
  void invalidUtf8IsRefusedNotReplaced() {
    for (byte[] bad :
        new byte[][] {
          {(byte) 0xc3, 0x28}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}
        }) {
      byte[] bytes =
          Fixtures.kryoBytes(
              out -> {
                out.writeVarInt(bad.length, true);
                out.writeBytes(bad);
              });
      assertThatThrownBy(() -> BoundedReads.readString(input(bytes), 10))
          .isInstanceOf(WireFormatException.class);
    }
  }

  @Test
  void writesRefuseWhatReadsWouldRefuse() {
    Output out = new Output(64, -1);

    assertThatThrownBy(() -> BoundedWrites.writeBytes(out, new byte[5], 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BoundedWrites.writeString(out, "ééé", 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BoundedWrites.writeString(out, "a\ud800b", 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BoundedWrites.writeCount(out, -1, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BoundedWrites.writeCount(out, 6, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(out.position()).isZero();
  }

  @Test
  void thePayloadInputRefusesKryosUnboundedReaders() {
    byte[] bytes = varintThen(3, 100);

    assertThatThrownBy(() -> input(bytes).readString()).isInstanceOf(WireFormatException.class);
    assertThatThrownBy(() -> input(bytes).readStringBuilder())
        .isInstanceOf(WireFormatException.class);
    assertThatThrownBy(() -> input(bytes).readBytes(Integer.MAX_VALUE))
        .isInstanceOf(WireFormatException.class);
    assertThatThrownBy(() -> input(bytes).readBytes(-1)).isInstanceOf(WireFormatException.class);
    assertThatThrownBy(() -> input(bytes).readLongs(50)).isInstanceOf(WireFormatException.class);
    assertThatThrownBy(() -> input(bytes).readInts(1 << 30, true))
        .isInstanceOf(WireFormatException.class);
    assertThatThrownBy(() -> input(bytes).readDoubles(Integer.MAX_VALUE))
        .isInstanceOf(WireFormatException.class);
    assertThat(input(bytes).readBytes(101)).hasSize(101);
  }
}
