package io.skein.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skein.dht.GetResult;
import io.skein.dht.PutResult;
import io.skein.dht.record.ImmutableRecord;
import io.skein.dht.record.MutableRecord;
import io.skein.dht.record.Record;
import io.skein.dht.record.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a put or get result means in HTTP: statuses, error codes and JSON bodies.
 *
 * <p>A put that reached its level is a 200. One that did not is refused with the status of the
 * reason most replicas gave ({@link #status(RejectReason)}), or 503 {@code consistency_not_reached}
 * when nobody refused but too few acknowledged. A get that found nothing is a 404; one whose
 * replicas did not agree enough for its level is a 503.
 */
final class Outcomes {
  private Outcomes() {}

  /** The status for a refusal: 409 conflicts, 413 too large, 422 invalid, 507 full, 400 else. */
  static int status(RejectReason reason) {
    return switch (reason) {
      case SEQ_TOO_LOW, CAS_MISMATCH, KIND_CONFLICT -> 409;
      case VALUE_TOO_LARGE -> 413;
      case BAD_SIGNATURE, KEY_MISMATCH -> 422;
      case STORE_FULL -> 507;
      case SALT_TOO_LARGE, BAD_TTL -> 400;
    };
  }

  /** The error code of a refusal: the reason in snake_case ("seq_too_low"). */
  static String code(RejectReason reason) {
    return reason.name().toLowerCase(Locale.ROOT);
  }

  static ApiException valueTooLarge(long bytes) {
    return new ApiException(
            413,
            "value_too_large",
            "a value is at most " + ApiLimits.MAX_VALUE_BYTES + " bytes, got " + bytes)
        .with("maxBytes", ApiLimits.MAX_VALUE_BYTES);
  }

  /** The JSON of a put that reached its level; throws the error of one that did not. */
  static ObjectNode put(PutView view, String displayKey) {
    PutResult r = view.result();
    if (!r.levelReached()) {
      throw putFailure(r);
    }
    ObjectNode json = Json.object();
    json.put("key", displayKey);
    Record record = view.record();
    if (record instanceof MutableRecord m) {
      json.put("namespace", m.publicKey().hex());
      json.put("name", new String(m.salt(), StandardCharsets.UTF_8));
      json.put("seq", m.seq());
    }
    json.put("recordKey", record.key().hex());
    json.put("size", record.valueLength());
    putCounts(json, r);
    return json;
  }

  private static void putCounts(ObjectNode json, PutResult r) {
    json.put("consistency", Names.text(r.level()));
    json.put("acked", r.acked());
    json.put("replicas", r.replicas());
    json.put("required", r.required());
    json.set("rejections", Json.MAPPER.valueToTree(rejections(r.rejections())));
  }

  private static ApiException putFailure(PutResult r) {
    RejectReason dominant = null;
    int most = 0;
    for (RejectReason reason : RejectReason.values()) {
      int count = r.rejections().getOrDefault(reason, 0);
      if (count > most) {
        dominant = reason;
        most = count;
      }
    }
    String counts =
        "acknowledged by "
            + r.acked()
            + " of "
            + r.replicas()
            + " replicas, "
            + Names.text(r.level())
            + " needs "
            + r.required();
    ApiException e =
        dominant == null
            ? new ApiException(503, "consistency_not_reached", counts)
            : new ApiException(
                status(dominant),
                code(dominant),
                "refused: "
                    + code(dominant).replace('_', ' ')
                    + " (by "
                    + most
                    + " of "
                    + r.replicas()
                    + " replicas); "
                    + counts);
    return e.with("consistency", Names.text(r.level()))
        .with("acked", r.acked())
        .with("replicas", r.replicas())
        .with("required", r.required())
        .with("rejections", rejections(r.rejections()));
  }

  private static Map<String, Integer> rejections(Map<RejectReason, Integer> byReason) {
    Map<RejectReason, Integer> sorted = new EnumMap<>(RejectReason.class);
    sorted.putAll(byReason);
    Map<String, Integer> out = new LinkedHashMap<>();
    sorted.forEach((reason, count) -> out.put(code(reason), count));
    return out;
  }

  /**
   * Checks that a get found a record and that enough replicas agreed.
   *
   * @throws ApiException 404 if nothing was found, 503 if the level was not reached
   */
  static Record found(GetResult r, String displayKey, boolean mutableOnly) {
    Record record = r.record();
    if (record == null || (mutableOnly && !(record instanceof MutableRecord))) {
      throw new ApiException(404, "not_found", "no value at " + displayKey);
    }
    if (!r.levelReached()) {
      throw new ApiException(
              503,
              "consistency_not_reached",
              "found, but "
                  + r.agreeing()
                  + " of "
                  + r.replicas()
                  + " replicas agreed; "
                  + Names.text(r.level())
                  + " needs "
                  + r.required())
          .with("consistency", Names.text(r.level()))
          .with("agreeing", r.agreeing())
          .with("replicas", r.replicas())
          .with("required", r.required());
    }
    return record;
  }

  /** The JSON of a found record, its value in base64. */
  static ObjectNode get(GetResult r, Record record, String displayKey) {
    ObjectNode json = Json.object();
    json.put("key", displayKey);
    json.put("kind", kind(record));
    if (record instanceof MutableRecord m) {
      json.put("namespace", m.publicKey().hex());
      json.put("name", new String(m.salt(), StandardCharsets.UTF_8));
      json.put("seq", m.seq());
    }
    json.put("recordKey", record.key().hex());
    json.put("size", record.valueLength());
    json.put("value", Base64.getEncoder().encodeToString(record.value()));
    json.put("consistency", Names.text(r.level()));
    json.put("agreeing", r.agreeing());
    json.put("replicas", r.replicas());
    json.put("required", r.required());
    return json;
  }

  static String kind(Record record) {
    return record instanceof ImmutableRecord ? "immutable" : "mutable";
  }
}
