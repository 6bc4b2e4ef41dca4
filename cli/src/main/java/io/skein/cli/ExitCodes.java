package io.skein.cli;

/** The documented exit codes of every {@code skein} command. */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;

  /** The key or value asked for does not exist. */
  public static final int NOT_FOUND = 1;

  /** The command line was wrong (unknown option, bad value, missing argument). */
  public static final int USAGE = 2;

  /** The node's API could not be reached. */
  public static final int UNREACHABLE = 3;

  /** The node refused the request (bad signature, seq too low, CAS mismatch, too large). */
  public static final int REJECTED = 4;

  /** Something failed that is none of the above (an I/O error, a bind failure). */
  public static final int FAILED = 5;

  private ExitCodes() {}
}
