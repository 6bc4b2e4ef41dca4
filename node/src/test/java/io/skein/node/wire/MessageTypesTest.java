package io.skein.node.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageTypesTest {
  @Test
  void coreTypesHaveTheirFixedIds() {
    MessageTypes types = MessageTypes.core().build();

    assertThat(types.byId(WireTypeIds.PING)).isSameAs(Ping.TYPE);
    assertThat(types.byId(WireTypeIds.ACK)).isSameAs(Ack.TYPE);
    assertThat(Ping.TYPE.id()).isEqualTo(1);
    assertThat(Ack.TYPE.id()).isEqualTo(2);
    assertThat(Ping.TYPE.kind()).isEqualTo(MessageKind.REQUEST);
    assertThat(Ack.TYPE.kind()).isEqualTo(MessageKind.REPLY);
    assertThat(types.all()).containsExactly(Ping.TYPE, Ack.TYPE);
  }

  @Test
  void typesDeclaredElsewhereAreAddedThroughTheBuilder() {
    MessageTypes types = MessageTypes.core().add(Note.TYPE).build();

    assertThat(types.byId(Note.TYPE_ID)).isSameAs(Note.TYPE);
    assertThat(types.all()).containsExactly(Ping.TYPE, Ack.TYPE, Note.TYPE);
    assertThat(types.maxId()).isEqualTo(Note.TYPE_ID);
  }

  @Test
  void unknownIdsAreNull() {
    MessageTypes types = MessageTypes.core().build();

    assertThat(types.byId(0)).isNull();
    assertThat(types.byId(3)).isNull();
    assertThat(types.byId(-1)).isNull();
    assertThat(types.byId(65_535)).isNull();
  }

  @Test
  void aSecondTypeWithATakenIdNameOrClassIsRefused() {
    MessageTypes.Builder builder = MessageTypes.core();
    WireSerializer<Ping> pings = Ping.TYPE.serializer();

    assertThatThrownBy(
            () ->
                builder.add(
                    new MessageType<>(
                        1, "other", Note.class, MessageKind.ONE_WAY, Note.TYPE.serializer())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id 1");
    assertThatThrownBy(
            () ->
                builder.add(
                    new MessageType<>(
                        9, "ping", Note.class, MessageKind.ONE_WAY, Note.TYPE.serializer())))
        .hasMessageContaining("name ping");
    assertThatThrownBy(
            () ->
                builder.add(new MessageType<>(9, "ping2", Ping.class, MessageKind.REQUEST, pings)))
        .hasMessageContaining("payload class");
  }

  @Test
  void idsAndNamesAreValidated() {
    WireSerializer<Ping> pings = Ping.TYPE.serializer();

    assertThatThrownBy(() -> new MessageType<>(0, "zero", Ping.class, MessageKind.REQUEST, pings))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new MessageType<>(65_536, "big", Ping.class, MessageKind.REQUEST, pings))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new MessageType<>(5, "Bad Name", Ping.class, MessageKind.REQUEST, pings))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
