package dev.geminilive.conformance.report;

/** Escaping for HTML and XML text and attributes. */
final class Html {
  private Html() {}

  static String escape(String s) {
    if (s == null) return "";
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') sb.append(' ');
          else sb.append(c);
        }
      }
    }
    return sb.toString();
  }
}
