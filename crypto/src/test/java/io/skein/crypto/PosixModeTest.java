package io.skein.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** PosixMode agrees with the rwx strings of every one of the 512 permission sets. */
class PosixModeTest {
  @Test
  void octalModeMatchesTheRwxString() {
    for (int mode = 0; mode <= 0777; mode++) {
      StringBuilder rwx = new StringBuilder();
      for (int bit = 8; bit >= 0; bit--) {
        rwx.append((mode & (1 << bit)) == 0 ? '-' : "rwx".charAt((8 - bit) % 3));
      }
      assertThat(PosixMode.of(PosixFilePermissions.fromString(rwx.toString())))
          .as("%s", rwx)
          .isEqualTo(mode);
    }
    assertThat(PosixMode.octal(0644)).isEqualTo("0644");
    assertThat(PosixMode.octal(0600)).isEqualTo("0600");
  }
}
