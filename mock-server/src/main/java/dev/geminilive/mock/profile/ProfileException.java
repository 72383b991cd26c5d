package dev.geminilive.mock.profile;

/** A profile file that cannot be used; the message names the file and the field. */
public final class ProfileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String field;

  public ProfileException(String file, String field, String problem, Throwable cause) {
    super("profile " + file + (field == null || field.isEmpty() ? "" : ", field '" + field + "'")
        + ": " + problem, cause);
    this.file = file;
    this.field = field;
  }

  public String file() {
    return file;
  }

  /** Dotted path of the offending field, e.g. {@code setup.thinking.field}; empty for the whole file. */
  public String field() {
    return field;
  }
}
