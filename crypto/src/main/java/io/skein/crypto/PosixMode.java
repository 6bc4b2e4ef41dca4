package io.skein.crypto;

import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** POSIX permission sets as classic octal modes, for messages users can act on. */
final class PosixMode {
  /** The bits that give group or others any access (077). */
  static final int GROUP_OR_OTHERS = 0077;

  private PosixMode() {}

  /** The mode bits of {@code permissions}, e.g. 0644. */
  static int of(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      // The enum lists OWNER_READ..OTHERS_EXECUTE from the highest bit (0400) down to 01.
      mode |= 0400 >>> p.ordinal();
    }
    return mode;
  }

  /** Four octal digits with a leading zero, as {@code ls} users know them: "0644". */
  static String octal(int mode) {
    return String.format("%04o", mode);
  }
}
