package io.skein.node.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The query parameters of a request: each known to the route, given at most once. */
final class Query {
  private final Map<String, String> params;

  private Query(Map<String, String> params) {
    this.params = params;
  }

  /**
   * Parses {@code rawQuery} ({@code null} when there is none), accepting only names in {@code
   * allowed}.
   */
  static Query parse(String rawQuery, Set<String> allowed) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new Query(params);
    }
    String[] pairs = rawQuery.split("&", -1);
    if (pairs.length > ApiLimits.MAX_QUERY_PARAMETERS) {
      throw ApiException.badRequest(
          "bad_query", "at most " + ApiLimits.MAX_QUERY_PARAMETERS + " query parameters");
    }
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      String name = Names.decodeUtf8(eq < 0 ? pair : pair.substring(0, eq), "bad_query", "query");
      String value = eq < 0 ? "" : Names.decodeUtf8(pair.substring(eq + 1), "bad_query", "query");
      if (!allowed.contains(name)) {
        throw ApiException.badRequest(
            "bad_query",
            "unknown query parameter "
                + Names.quote(name)
                + (allowed.isEmpty()
                    ? " (this endpoint takes none)"
                    : " (known: " + allowed + ")"));
      }
      if (params.putIfAbsent(name, value) != null) {
        throw ApiException.badRequest(
            "bad_query", "query parameter " + Names.quote(name) + " is given twice");
      }
    }
    return new Query(params);
  }

  /** The parameter's value, or {@code null}. */
  String get(String name) {
    return params.get(name);
  }
}
