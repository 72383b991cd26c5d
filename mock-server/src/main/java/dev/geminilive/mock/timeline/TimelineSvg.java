package dev.geminilive.mock.timeline;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link TimelinePicture} as one self-contained SVG: a time axis, a waveform per audio
 * lane with the speech segments over the client's, and a row of marks per lane (client, model,
 * server). Tool calls are joined to their responses; findings, mismatches and errors get a red
 * line across every lane. Each mark carries {@code data-seq} and {@code data-type} so a page can
 * open the message behind it, and a {@code <title>} so a static report shows it on hover.
 *
 * <p>Used by the dashboard (served as is) and by the conformance report (inlined), so both show
 * the same picture.
 */
public final class TimelineSvg {
  private static final int GUTTER = 120;
  private static final int WAVE_HEIGHT = 56;
  private static final int ROW_HEIGHT = 34;
  private static final int AXIS_HEIGHT = 22;
  private static final List<String> ROWS = List.of("client", "model", "server");
  private static final Map<String, String> COLOURS = Map.ofEntries(
      Map.entry(Mark.SETUP, "#7a7a7a"), Map.entry(Mark.TEXT, "#1f6fd1"), Map.entry(Mark.TRANSCRIPT, "#5b8fd6"),
      Map.entry(Mark.TOOL_CALL, "#8a3ffc"), Map.entry(Mark.TOOL_RESPONSE, "#8a3ffc"),
      Map.entry(Mark.TOOL_CANCEL, "#b28600"), Map.entry(Mark.TURN, "#198038"),
      Map.entry(Mark.INTERRUPTED, "#e8590c"), Map.entry(Mark.GO_AWAY, "#b28600"),
      Map.entry(Mark.RESUMPTION, "#007d79"), Map.entry(Mark.ACTIVITY, "#198038"),
      Map.entry(Mark.CLOSE, "#161616"), Map.entry(Mark.STEP, "#0f62fe"), Map.entry(Mark.MISMATCH, "#da1e28"),
      Map.entry(Mark.FINDING, "#da1e28"), Map.entry(Mark.ERROR, "#da1e28"), Map.entry(Mark.INFO, "#a8a8a8"));

  /** Lanes by what they carry: what goes in (blue family), what comes out (purple family). */
  private static final Map<String, String> WAVE_COLOURS = Map.of(
      "client", "#1f6fd1", "fed", "#78a9ff", "model", "#8a3ffc", "handed", "#d4bbff", "played", "#a56eff");

  private TimelineSvg() {}

  /** The picture {@code width} pixels wide. */
  public static String render(TimelinePicture p, int width) {
    int plot = Math.max(100, width - GUTTER - 10);
    double scale = plot / p.spanMs();
    int height = AXIS_HEIGHT + p.waves().size() * WAVE_HEIGHT + ROWS.size() * ROW_HEIGHT + 6;
    StringBuilder sb = new StringBuilder(16 * 1024);
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" font-family=\"system-ui,sans-serif\" font-size=\"11\" data-from-ms=\"").append(num(p.fromMs()))
        .append("\" data-to-ms=\"").append(num(p.toMs())).append("\" data-plot-x=\"").append(GUTTER)
        .append("\" data-plot-width=\"").append(plot).append("\">\n");
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    axis(sb, p, scale, height);
    int y = AXIS_HEIGHT;
    for (Wave w : p.waves()) {
      wave(sb, p, w, y, scale);
      if (w.lane().equals("client")) {
        speech(sb, p, y, scale);
      }
      y += WAVE_HEIGHT;
    }
    Map<String, Integer> rowY = new HashMap<>();
    for (String row : ROWS) {
      rowY.put(row, y + ROW_HEIGHT / 2);
      sb.append("<line x1=\"").append(GUTTER).append("\" x2=\"").append(GUTTER + plot).append("\" y1=\"")
          .append(y + ROW_HEIGHT / 2).append("\" y2=\"").append(y + ROW_HEIGHT / 2)
          .append("\" stroke=\"#e0e0e0\"/>\n<text x=\"6\" y=\"").append(y + ROW_HEIGHT / 2 + 4).append("\">")
          .append(row).append(" events</text>\n");
      y += ROW_HEIGHT;
    }
    links(sb, p, rowY, scale);
    marks(sb, p, rowY, scale, height, GUTTER + plot);
    return sb.append("</svg>\n").toString();
  }

  private static void axis(StringBuilder sb, TimelinePicture p, double scale, int height) {
    double step = niceStep(p.spanMs() / 8);
    double first = Math.ceil(p.fromMs() / step) * step;
    sb.append("<g class=\"axis\" fill=\"#555\">\n");
    for (double t = first; t <= p.toMs(); t += step) {
      double x = GUTTER + (t - p.fromMs()) * scale;
      sb.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"14\" y2=\"")
          .append(height).append("\" stroke=\"#f0f0f0\"/><text x=\"").append(num(x + 2)).append("\" y=\"12\">")
          .append(timeLabel(t, step)).append("</text>\n");
    }
    sb.append("</g>\n");
  }

  private static void wave(StringBuilder sb, TimelinePicture p, Wave w, int top, double scale) {
    int mid = top + WAVE_HEIGHT / 2;
    int half = WAVE_HEIGHT / 2 - 4;
    String colour = WAVE_COLOURS.getOrDefault(w.lane(), "#007d79");
    sb.append("<g class=\"wave\" data-lane=\"").append(esc(w.lane())).append("\">\n<text x=\"6\" y=\"")
        .append(mid + 4).append("\">").append(esc(shortTitle(w.title()))).append("<title>").append(esc(w.title()))
        .append("</title></text>\n<line x1=\"").append(GUTTER).append("\" x2=\"")
        .append(num(GUTTER + p.spanMs() * scale)).append("\" y1=\"").append(mid).append("\" y2=\"").append(mid)
        .append("\" stroke=\"#d0d0d0\"/>\n");
    AudioEnvelope e = w.envelope();
    int[] levels = e.levels();
    StringBuilder d = new StringBuilder(levels.length * 16);
    for (int i = 0; i < levels.length; i++) {
      if (levels[i] == 0) {
        continue;
      }
      double t = e.offsetMs() + i * e.bucketMs();
      if (t + e.bucketMs() < p.fromMs() || t > p.toMs()) {
        continue;
      }
      double x = GUTTER + Math.max(0, t - p.fromMs()) * scale;
      double bw = Math.max(0.6, e.bucketMs() * scale);
      // A square-root scale: speech at a tenth of full scale must still show.
      double h = Math.max(1, half * Math.min(1, Math.sqrt(levels[i] / 16000.0)));
      d.append('M').append(num(x)).append(' ').append(num(mid - h)).append('h').append(num(bw)).append('v')
          .append(num(2 * h)).append('h').append(num(-bw)).append('z');
    }
    if (d.length() > 0) {
      sb.append("<path fill=\"").append(colour).append("\" d=\"").append(d).append("\"/>\n");
    }
    sb.append("</g>\n");
  }

  private static void speech(StringBuilder sb, TimelinePicture p, int top, double scale) {
    for (Segment s : p.speech()) {
      double from = Math.max(p.fromMs(), s.startMs());
      double to = Math.min(p.toMs(), s.open() ? p.toMs() : s.endMs());
      double x = GUTTER + (from - p.fromMs()) * scale;
      sb.append("<rect class=\"speech\" x=\"").append(num(x)).append("\" y=\"").append(top + 1)
          .append("\" width=\"").append(num(Math.max(1, (to - from) * scale))).append("\" height=\"")
          .append(WAVE_HEIGHT - 2).append("\" fill=\"#24a148\" fill-opacity=\"0.15\" stroke=\"#24a148\"")
          .append(" stroke-opacity=\"0.6\"><title>").append(esc(s.label())).append(' ')
          .append(timeLabel(s.startMs(), 1)).append(s.open() ? " \u2192 (open)" : " \u2192 " + timeLabel(s.endMs(), 1))
          .append("</title></rect>\n");
    }
  }

  private static void links(StringBuilder sb, TimelinePicture p, Map<String, Integer> rowY, double scale) {
    Map<String, Mark> calls = new HashMap<>();
    for (Mark m : p.marks()) {
      if (m.link() == null) {
        continue;
      }
      if (m.type().equals(Mark.TOOL_CALL)) {
        calls.put(m.link(), m);
      } else if (calls.containsKey(m.link())) {
        Mark c = calls.get(m.link());
        double x1 = GUTTER + (c.atMs() - p.fromMs()) * scale;
        double x2 = GUTTER + (m.atMs() - p.fromMs()) * scale;
        int y1 = rowY.get(c.lane());
        int y2 = rowY.get(m.lane());
        sb.append("<path class=\"link\" data-link=\"").append(esc(m.link())).append("\" d=\"M").append(num(x1))
            .append(' ').append(y1).append(" C").append(num(x1)).append(' ').append((y1 + y2) / 2).append(' ')
            .append(num(x2)).append(' ').append((y1 + y2) / 2).append(' ').append(num(x2)).append(' ').append(y2)
            .append("\" fill=\"none\" stroke=\"").append(COLOURS.get(m.type())).append("\" stroke-width=\"1.5\"")
            .append(" stroke-dasharray=\"4 2\"/>\n");
      }
    }
  }

  private static void marks(
      StringBuilder sb, TimelinePicture p, Map<String, Integer> rowY, double scale, int height, double right) {
    Map<String, Double> lastLabelEnd = new HashMap<>();
    for (Mark m : p.marks()) {
      Integer y = rowY.get(m.lane());
      if (y == null) {
        continue;
      }
      double x = GUTTER + (Math.max(m.atMs(), p.fromMs()) - p.fromMs()) * scale;
      String colour = COLOURS.getOrDefault(m.type(), "#a8a8a8");
      sb.append("<g class=\"mark").append(m.alarming() ? " alarm" : "").append("\" data-seq=\"").append(m.seq())
          .append("\" data-type=\"").append(m.type()).append("\" data-lane=\"").append(m.lane())
          .append("\" data-at-ms=\"").append(num(m.atMs())).append('"');
      if (m.link() != null) {
        sb.append(" data-link=\"").append(esc(m.link())).append('"');
      }
      sb.append(">");
      sb.append("<title>").append(timeLabel(m.atMs(), 1)).append(' ').append(esc(m.label())).append("</title>");
      if (m.alarming()) {
        sb.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"")
            .append(AXIS_HEIGHT).append("\" y2=\"").append(height - 4)
            .append("\" stroke=\"#da1e28\" stroke-width=\"1.5\" stroke-opacity=\"0.7\"/>");
      }
      if (m.endMs() > m.atMs()) {
        double w = Math.max(3, (Math.min(m.endMs(), p.toMs()) - Math.max(m.atMs(), p.fromMs())) * scale);
        sb.append("<rect x=\"").append(num(x)).append("\" y=\"").append(y - 5).append("\" width=\"").append(num(w))
            .append("\" height=\"10\" rx=\"3\" fill=\"").append(colour).append("\" fill-opacity=\"0.6\"/>");
      } else {
        sb.append(shape(m.type(), x, y, colour));
      }
      // Labels only where there is room, so a dense stretch stays readable; every mark keeps its title.
      double room = lastLabelEnd.getOrDefault(m.lane(), -1.0);
      boolean worthALabel = !m.type().equals(Mark.INFO) && !m.type().equals(Mark.TRANSCRIPT);
      if ((worthALabel || m.alarming()) && x > room) {
        String label = SessionTimeline.shorten(m.label(), 28);
        double width = label.length() * 5.6;
        boolean leftOfMark = x + 6 + width > right; // near the end: the label reads leftwards
        sb.append("<text x=\"").append(num(leftOfMark ? x - 6 : x + 6)).append("\" y=\"").append(y - 7)
            .append(leftOfMark ? "\" text-anchor=\"end" : "").append("\" fill=\"")
            .append(m.alarming() ? "#da1e28" : "#333").append("\">").append(esc(label)).append("</text>");
        lastLabelEnd.put(m.lane(), leftOfMark ? x : x + 6 + width);
      }
      sb.append("</g>\n");
    }
  }

  private static String shape(String type, double x, int y, String colour) {
    String xs = num(x);
    return switch (type) {
      case Mark.TOOL_CALL, Mark.TOOL_RESPONSE, Mark.TOOL_CANCEL ->
          "<rect x=\"" + num(x - 5) + "\" y=\"" + (y - 5) + "\" width=\"10\" height=\"10\" transform=\"rotate(45 "
              + xs + " " + y + ")\" fill=\"" + colour + "\"/>";
      case Mark.CLOSE -> "<rect x=\"" + num(x - 2) + "\" y=\"" + (y - 9) + "\" width=\"4\" height=\"18\" fill=\""
          + colour + "\"/>";
      case Mark.INTERRUPTED, Mark.GO_AWAY, Mark.MISMATCH, Mark.FINDING, Mark.ERROR ->
          "<path d=\"M" + xs + " " + (y - 7) + " l7 13 h-14 z\" fill=\"" + colour + "\"/>";
      default -> "<circle cx=\"" + xs + "\" cy=\"" + y + "\" r=\"4.5\" fill=\"" + colour + "\"/>";
    };
  }

  static double niceStep(double raw) {
    double[] steps = {10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000,
        120_000, 300_000, 600_000};
    for (double s : steps) {
      if (s >= raw) {
        return s;
      }
    }
    return 600_000;
  }

  static String timeLabel(double ms, double step) {
    if (ms >= 60_000) {
      long s = Math.round(ms / 1000);
      return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
    if (step >= 1000) {
      return String.format(Locale.ROOT, "%.0f s", ms / 1000);
    }
    return String.format(Locale.ROOT, "%.2f s", ms / 1000);
  }

  private static String shortTitle(String title) {
    int paren = title.indexOf(" (");
    return paren > 0 ? title.substring(0, paren) : title;
  }

  private static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Escapes text for SVG/XML content and attributes. */
  public static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t') {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
