package dev.geminilive.mock.transport;

import java.util.regex.Pattern;

/** Keeps secrets out of journals and logs. */
final class Redaction {
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)([?&](?:key|access_token|token|admin_token|adminToken|auth)=)[^&#]*");

  private Redaction() {}

  /** The request URI with API keys and tokens replaced. */
  static String uri(String uri) {
    return SECRET_PARAM.matcher(uri).replaceAll("$1REDACTED");
  }
}
