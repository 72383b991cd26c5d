package dev.geminilive.conformance.driver;

import java.util.List;

/** The model families the catalogue distinguishes, and the model ids the suite runs by default. */
public enum Models {
  /** Native-audio 2.5 on the Developer API: clientContent any time, thinkingBudget, affective dialog on v1alpha. */
  GEMINI_2_5("gemini-2.5-flash-native-audio-preview-12-2025"),
  /** 3.1 Flash Live: clientContent only as initial history, thinkingLevel, no affective dialog. */
  GEMINI_3_1("gemini-3.1-flash-live-preview"),
  /**
   * 3.8 Live: clientContent any time, no thinking control (3.8-live), affective dialog removed,
   * proactivity always on, NON_BLOCKING functions by default.
   */
  GEMINI_3_8("gemini-3.8-live");

  private final String defaultModel;

  Models(String defaultModel) {
    this.defaultModel = defaultModel;
  }

  public String defaultModel() {
    return defaultModel;
  }

  /** The family of a model id; anything that is not 3.1 is judged as 2.5 native audio. */
  public static Models of(String model) {
    return model.contains("3.8") ? GEMINI_3_8 : model.contains("3.1") ? GEMINI_3_1 : GEMINI_2_5;
  }

  /** The short name used in reports and docs: 2.5, 3.1, 3.8. */
  public String shortName() {
    return switch (this) {
      case GEMINI_2_5 -> "2.5";
      case GEMINI_3_1 -> "3.1";
      case GEMINI_3_8 -> "3.8";
    };
  }

  /** True for ids of the families the catalogue judges (2.5 native audio, 3.1 Flash Live). */
  public static boolean known(String model) {
    return model != null && (model.contains("3.1") || model.contains("3.8") || model.startsWith("gemini-2.5")
        || model.startsWith("gemini-live-2.5"));
  }

  public static String describeFamilies() {
    return "gemini-2.5-*, gemini-live-2.5-*, ids with 3.1 or 3.8";
  }

  public static List<String> defaults() {
    return List.of(GEMINI_2_5.defaultModel, GEMINI_3_1.defaultModel, GEMINI_3_8.defaultModel);
  }
}
