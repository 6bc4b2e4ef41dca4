package io.skein.testnet.sim;

import static io.skein.testnet.sim.Toys.MS;
import static io.skein.testnet.sim.Toys.SECOND;
import static io.skein.testnet.sim.Toys.send;
import static io.skein.testnet.sim.Toys.toy;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimSeedExtension.class)
class SimCodecTest {
  /** Pings as 9 bytes: tag 1 then the seq; anything else fails to decode. */
  static final SimCodec<ToyMessage> PING_CODEC =
      new SimCodec<>() {
        @Override
        public byte[] encode(ToyMessage message) {
          long seq = message instanceof ToyMessage.Ping p ? p.seq() : -1;
          byte tag = message instanceof ToyMessage.Ping ? (byte) 1 : (byte) 9;
          return ByteBuffer.allocate(9).put(tag).putLong(seq).array();
        }

        @Override
        public ToyMessage decode(byte[] bytes) {
          ByteBuffer b = ByteBuffer.wrap(bytes);
          if (b.get() != 1) {
            throw new IllegalArgumentException("unknown tag");
          }
          return new ToyMessage.Ping(b.getLong());
        }
      };

  private static Simulator<ToyMessage> codecSim(long seed, SimKeys keys) {
    Simulator<ToyMessage> sim =
        Simulator.<ToyMessage>builder(seed).codec(PING_CODEC).keys(keys).build();
    sim.addNodes(2, node -> new ToyProcess(node, false));
    return sim;
  }

  @Test
  void aCodecCarriesBytesAndEachCopyIsDecodedAfresh(SimSeed seed) {
    Simulator<ToyMessage> sim = codecSim(seed.value(), SimKeys.standIn());
    sim.network().defaultLink(LinkModel.lan().withDuplication(1.0));
    ToyMessage.Ping ping = new ToyMessage.Ping(77);
    send(sim, 0, 1, ping);
    sim.runFor(10 * MS);

    assertThat(toy(sim, 1).received).hasSize(2);
    ToyMessage first = toy(sim, 1).received.get(0).message();
    ToyMessage second = toy(sim, 1).received.get(1).message();
    assertThat(first).isEqualTo(ping).isNotSameAs(ping).isNotSameAs(second);
    assertThat(sim.stats().bytesSent()).isEqualTo(9);
  }

  @Test
  void undecodableBytesAreDroppedAndCounted(SimSeed seed) {
    Simulator<ToyMessage> sim = codecSim(seed.value(), SimKeys.standIn());
    send(sim, 0, 1, new ToyMessage.Pong(1));
    sim.runFor(10 * MS);

    assertThat(toy(sim, 1).received).isEmpty();
    assertThat(sim.stats().count(TraceKind.DROP_DECODE)).isEqualTo(1);
  }

  @Test
  void theTraceHashesTheBytesSoTheSameSeedStillGivesTheSameHash(SimSeed seed) {
    String[] hashes = new String[2];
    for (int run = 0; run < 2; run++) {
      Simulator<ToyMessage> sim = codecSim(seed.value(), SimKeys.ed25519());
      for (int i = 0; i < 100; i++) {
        long seq = i;
        sim.schedule(
            i * MS,
            () -> send(sim, (int) (seq % 2), (int) (1 - seq % 2), new ToyMessage.Ping(seq)));
      }
      sim.runFor(SECOND);
      hashes[run] = sim.traceHashHex();
    }
    assertThat(hashes[1]).isEqualTo(hashes[0]);
  }
}
