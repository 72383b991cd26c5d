package dev.geminilive.mock.protocol;

/** Inline bytes: standard base64 {@code data} and its MIME type. Decoding is the reader's job. */
public record Blob(String data, String mimeType) {}
