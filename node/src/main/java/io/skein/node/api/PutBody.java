package io.skein.node.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The value and options of a put. The body is the raw value, unless the request says {@code
 * Content-Type: application/json}: then it is an envelope {@code {"value": "text stored as UTF-8"}}
 * or {@code {"valueBase64": "..."}}, with optional {@code "consistency"} and (mutable puts) {@code
 * "cas"}, which must agree with the query parameters of the same name if both are given.
 *
 * @param value the value bytes
 * @param consistency the level named in the envelope, or {@code null}
 * @param cas the cas seq named in the envelope, or {@code null}
 */
record PutBody(byte[] value, String consistency, String cas) {
  private static final Set<String> MUTABLE_FIELDS =
      Set.of("value", "valueBase64", "consistency", "cas");
  private static final Set<String> IMMUTABLE_FIELDS = Set.of("value", "valueBase64", "consistency");

  /** Reads and parses the body of a put; {@code mutable} allows "cas". */
  static PutBody read(HttpExchange exchange, BodyReader reader, boolean mutable)
      throws IOException {
    boolean json = isJson(exchange.getRequestHeaders().getFirst("Content-Type"));
    byte[] body =
        reader.read(exchange, json ? ApiLimits.MAX_BODY_BYTES : ApiLimits.MAX_VALUE_BYTES);
    if (!json) {
      return new PutBody(body, null, null);
    }
    return parseEnvelope(body, mutable ? MUTABLE_FIELDS : IMMUTABLE_FIELDS);
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return type.toLowerCase(Locale.ROOT).equals(Responses.JSON);
  }

  static PutBody parseEnvelope(byte[] body, Set<String> allowed) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest("bad_json", "the body is not valid JSON: " + oneLine(e));
    } catch (IOException e) {
      throw ApiException.badRequest("bad_json", "the body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw ApiException.badRequest("bad_json", "the body must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> property : root.properties()) {
      String field = property.getKey();
      if (!allowed.contains(field)) {
        throw ApiException.badRequest(
            "bad_json", "unknown field " + Names.quote(field) + " (known: " + allowed + ")");
      }
    }
    JsonNode text = root.get("value");
    JsonNode base64 = root.get("valueBase64");
    if ((text == null) == (base64 == null)) {
      throw ApiException.badRequest(
          "bad_json", "give exactly one of \"value\" and \"valueBase64\"");
    }
    byte[] value;
    if (text != null) {
      value = strictUtf8(string(text, "value"));
    } else {
      try {
        value = Base64.getDecoder().decode(string(base64, "valueBase64"));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
            "bad_json", "\"valueBase64\" is not base64: " + e.getMessage());
      }
    }
    if (value.length > ApiLimits.MAX_VALUE_BYTES) {
      throw Outcomes.valueTooLarge(value.length);
    }
    String consistency =
        root.has("consistency") ? string(root.get("consistency"), "consistency") : null;
    String cas = null;
    JsonNode casNode = root.get("cas");
    if (casNode != null) {
      if (!casNode.isIntegralNumber() || !casNode.canConvertToLong() || casNode.asLong() < 0) {
        throw ApiException.badRequest("bad_cas", "\"cas\" must be a seq from 0 to 2^63-1");
      }
      cas = Long.toString(casNode.asLong());
    }
    return new PutBody(value, consistency, cas);
  }

  private static byte[] strictUtf8(String text) {
    try {
      ByteBuffer bytes =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] out = new byte[bytes.remaining()];
      bytes.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("bad_json", "\"value\" is not valid Unicode text");
    }
  }

  private static String string(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw ApiException.badRequest("bad_json", "\"" + field + "\" must be a string");
    }
    return node.textValue();
  }

  /** Jackson's message without its source excerpt, on one line. */
  private static String oneLine(JacksonException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    return Names.quote(message.replaceAll("\\s+", " ")).replaceAll("^'|'$", "");
  }

  /** {@code fromQuery} and {@code fromBody} must not both be given with different values. */
  static String merge(String fromQuery, String fromBody, String what, String code) {
    if (fromQuery != null && fromBody != null && !fromQuery.equalsIgnoreCase(fromBody)) {
      throw ApiException.badRequest(
          code, what + " differs between the query (" + Names.quote(fromQuery) + ") and the body");
    }
    return fromQuery != null ? fromQuery : fromBody;
  }
}
