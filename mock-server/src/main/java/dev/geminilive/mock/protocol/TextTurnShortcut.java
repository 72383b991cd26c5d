package dev.geminilive.mock.protocol;

import static dev.geminilive.mock.protocol.FrameBytes.ascii;
import static dev.geminilive.mock.protocol.FrameBytes.at;
import static dev.geminilive.mock.protocol.FrameBytes.latin1;
import static dev.geminilive.mock.protocol.FrameBytes.plainStringEnd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the text turn clients send, {@code {"clientContent":{"turns":[T,...],"turnComplete":B}}}
 * with each turn {@code {"role":"<s>","parts":[{"text":"<s>"},...]}} (or parts first, as the
 * google-genai Java and JS SDKs write it), no whitespace, straight from its bytes. Parsing it into
 * a tree, checking the tree against the field catalogue, binding it to the typed model and writing
 * the tree again for the journal cost a tenth of the event loop in a text-turn load. Strings are
 * printable ASCII without quotes or backslashes: such a string means the same to any JSON reader,
 * and a JSON writer copies it as it is, so the frame's bytes are its journal entry. Anything else
 * returns null and takes the general path ({@link ClientMessageDecoder}), so the outcome is the
 * same either way.
 */
final class TextTurnShortcut {
  private static final byte[] PREFIX = ascii("{\"clientContent\":{\"turns\":[");
  private static final byte[] ROLE = ascii("\"role\":\"");
  private static final byte[] PARTS = ascii("\"parts\":[");
  private static final byte[] TEXT = ascii("{\"text\":\"");
  private static final byte[] TURN_COMPLETE = ascii(",\"turnComplete\":");
  private static final byte[] TRUE = ascii("true}}");
  private static final byte[] FALSE = ascii("false}}");

  private TextTurnShortcut() {}

  /** The decoded frame at {@code frame[p..end)}, or null when the general path must read it. */
  static ClientMessageDecoder.Decoded read(byte[] frame, int p, int end) {
    int first = p;
    if (!at(frame, p, end, PREFIX)) {
      return null;
    }
    p += PREFIX.length;
    // ArrayList, as the general path's binding gives: the same behaviour for every consumer.
    List<Content> turns = new ArrayList<>(1);
    while (true) {
      if (p >= end || frame[p] != '{') {
        return null;
      }
      p++;
      String role;
      List<Content.Part> parts = new ArrayList<>(1);
      if (at(frame, p, end, ROLE)) {
        p += ROLE.length;
        int close = plainStringEnd(frame, p, end);
        if (close < 0 || close + 1 >= end || frame[close + 1] != ',' || !at(frame, close + 2, end, PARTS)) {
          return null;
        }
        role = latin1(frame, p, close);
        p = parts(frame, close + 2 + PARTS.length, end, parts);
        if (p < 0 || p >= end || frame[p] != '}') {
          return null;
        }
        p++;
      } else if (at(frame, p, end, PARTS)) {
        p = parts(frame, p + PARTS.length, end, parts);
        if (p < 0 || p >= end || frame[p] != ',' || !at(frame, p + 1, end, ROLE)) {
          return null;
        }
        p += 1 + ROLE.length;
        int close = plainStringEnd(frame, p, end);
        if (close < 0 || close + 1 >= end || frame[close + 1] != '}') {
          return null;
        }
        role = latin1(frame, p, close);
        p = close + 2;
      } else {
        return null;
      }
      turns.add(new Content(role, parts));
      if (p >= end) {
        return null;
      }
      if (frame[p] == ']') {
        p++;
        break;
      }
      if (frame[p] != ',') {
        return null;
      }
      p++;
    }
    if (!at(frame, p, end, TURN_COMPLETE)) {
      return null;
    }
    p += TURN_COMPLETE.length;
    Boolean complete;
    if (end - p == TRUE.length && at(frame, p, end, TRUE)) {
      complete = Boolean.TRUE;
    } else if (end - p == FALSE.length && at(frame, p, end, FALSE)) {
      complete = Boolean.FALSE;
    } else {
      return null;
    }
    return new ClientMessageDecoder.Decoded(
        new ClientContent(turns, complete), Arrays.copyOfRange(frame, first, end));
  }

  /**
   * Reads {@code {"text":"<s>"}(,{"text":"<s>"})*]} from {@code p} into {@code parts}; the index
   * after the closing bracket, or -1.
   */
  private static int parts(byte[] frame, int p, int end, List<Content.Part> parts) {
    while (true) {
      if (!at(frame, p, end, TEXT)) {
        return -1;
      }
      p += TEXT.length;
      int close = plainStringEnd(frame, p, end);
      if (close < 0 || close + 2 >= end || frame[close + 1] != '}') {
        return -1;
      }
      parts.add(Content.Part.text(latin1(frame, p, close)));
      byte next = frame[close + 2];
      p = close + 3;
      if (next == ']') {
        return p;
      }
      if (next != ',') {
        return -1;
      }
    }
  }
}
