package dev.geminilive.conformance.recording;

import dev.geminilive.conformance.driver.DriverEvent;

/** One-line descriptions of driver events for reports. */
public final class EventText {
  private EventText() {}

  public static String describe(DriverEvent e) {
    if (e instanceof DriverEvent.Audio a) {
      return "audio " + a.pcm().length + " bytes @ " + a.sampleRate() + " Hz";
    } else if (e instanceof DriverEvent.Played p) {
      return "played " + p.bytes() + " bytes in all";
    } else if (e instanceof DriverEvent.Text t) {
      return "text \"" + t.text() + "\"";
    } else if (e instanceof DriverEvent.InputTranscript t) {
      return "inputTranscript \"" + t.text() + "\"";
    } else if (e instanceof DriverEvent.OutputTranscript t) {
      return "outputTranscript \"" + t.text() + "\"";
    } else if (e instanceof DriverEvent.ToolCall c) {
      return "toolCall id=" + c.id() + " name=" + c.name();
    } else if (e instanceof DriverEvent.ToolCancel c) {
      return "toolCancel " + c.ids();
    } else if (e instanceof DriverEvent.Warning w) {
      return "warning \"" + w.message() + "\"";
    } else if (e instanceof DriverEvent.Error err) {
      return "error code=" + err.code() + " reason=\"" + err.reason() + "\" " + err.message();
    } else if (e instanceof DriverEvent.Closed c) {
      return "closed code=" + c.code() + " reason=\"" + c.reason() + "\"";
    }
    return e.type();
  }
}
