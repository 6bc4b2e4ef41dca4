package io.skein.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.skein.crypto.KeyPair;
import io.skein.crypto.PublicKey;
import io.skein.node.transport.RouteId;
import io.skein.node.wire.DropReason;
import io.skein.node.wire.InboundFrame;
import io.skein.node.wire.MessageKind;
import io.skein.node.wire.MessageType;
import io.skein.node.wire.MessageTypes;
import io.skein.node.wire.WireSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeServiceTest {
  /** A request and its reply, with test-only ids in the node range. */
  record Question(long n) {}

  record Answer(long n) {}

  static final class LongCodec<T> extends WireSerializer<T> {
    private final java.util.function.LongFunction<T> make;
    private final java.util.function.ToLongFunction<T> get;

    LongCodec(java.util.function.LongFunction<T> make, java.util.function.ToLongFunction<T> get) {
      this.make = make;
      this.get = get;
    }

    @Override
    protected void writePayload(Output out, T value) {
      out.writeLong(get.applyAsLong(value));
    }

    @Override
    protected T readPayload(Input in) {
      return make.apply(in.readLong());
    }
  }

  static final MessageType<Question> QUESTION =
      new MessageType<>(
          14,
          "test_question",
          Question.class,
          MessageKind.REQUEST,
          new LongCodec<>(Question::new, Question::n));
  static final MessageType<Answer> ANSWER =
      new MessageType<>(
          15,
          "test_answer",
          Answer.class,
          MessageKind.REPLY,
          new LongCodec<>(Answer::new, Answer::n));

  /** Answers n with n + 1; records the answers it gets. */
  static final class Doubler implements NodeService {
    final ConcurrentLinkedQueue<Long> answers = new ConcurrentLinkedQueue<>();
    volatile NodeContext context;
    volatile boolean closed;

    @Override
    public void registerTypes(MessageTypes.Builder types) {
      types.add(QUESTION).add(ANSWER);
    }

    @Override
    public void start(NodeContext context) {
      this.context = context;
    }

    @Override
    public boolean onFrame(InboundFrame frame, RouteId route) {
      if (frame.payload() instanceof Question q) {
        context.reply(route, frame.sender(), frame.requestId(), ANSWER, new Answer(q.n() + 1));
        return true;
      }
      if (frame.payload() instanceof Answer a) {
        answers.add(a.n());
        return true;
      }
      return false;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final List<Node> nodes = new ArrayList<>();

  private Node node(NodeService service) throws Exception {
    Node n =
        Node.start(
            KeyPair.generate(),
            NodeConfig.local().withPingTimeoutMillis(5_000),
            List.of(service),
            null);
    nodes.add(n);
    return n;
  }

  @AfterEach
  void closeAll() {
    nodes.forEach(Node::close);
  }

  private static long ask(Doubler from, Node to, PublicKey expected, long n) throws Exception {
    return from.context
        .loop()
        .submit(
            () -> from.context.request(to.endpoint(), expected, QUESTION, new Question(n), 5_000))
        .get(5, TimeUnit.SECONDS);
  }

  @Test
  void aServiceRequestIsAnsweredByThePeersServiceOnce() throws Exception {
    Doubler a = new Doubler();
    Doubler b = new Doubler();
    Node nodeA = node(a);
    Node nodeB = node(b);

    long requestId = ask(a, nodeB, nodeB.publicKey(), 41);

    assertThat(requestId).isPositive();
    await().atMost(Duration.ofSeconds(10)).until(() -> a.answers.contains(42L));
    assertThat(nodeA.metrics().unhandledCount()).isZero();
  }

  @Test
  void aReplyFromAKeyOtherThanTheExpectedOneIsDropped() throws Exception {
    Doubler a = new Doubler();
    Doubler b = new Doubler();
    Node nodeA = node(a);
    Node nodeB = node(b);
    PublicKey someoneElse = KeyPair.generate().publicKey();

    ask(a, nodeB, someoneElse, 1);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                nodeA.wireMetrics().droppedCount(DropReason.WRONG_RECIPIENT)
                        + nodeA.wireMetrics().droppedCount(DropReason.UNSOLICITED_REPLY)
                        + nodeB.wireMetrics().droppedCount(DropReason.WRONG_RECIPIENT)
                    > 0);
    assertThat(a.answers).isEmpty();
  }

  @Test
  void closingTheNodeClosesItsServices() throws Exception {
    Doubler a = new Doubler();
    Node nodeA = node(a);
    nodeA.close();
    assertThat(a.closed).isTrue();
  }
}
