package dev.geminilive.mock.profile;

/** Which Google API a session came through; they differ in paths, auth and a few field names. */
public enum ApiFlavour {
  /** Gemini Developer API (generativelanguage), API key or ephemeral token. */
  DEVELOPER,
  /** Vertex AI (aiplatform), OAuth bearer token or express-mode API key. */
  VERTEX
}
