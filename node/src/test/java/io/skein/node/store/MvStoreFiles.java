package io.skein.node.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

/** Raw access to store files, for tests that damage or forge them. */
final class MvStoreFiles {
  /** MVStore writes its file header twice, in the first two 4 KiB blocks. */
  private static final int BLOCK_BYTES = 4096;

  private MvStoreFiles() {}

  /** Opens {@code file} as a bare MVStore, bypassing every check of the record store. */
  static MVStore openRaw(Path file) {
    return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
  }

  /** The records map of a bare MVStore. */
  static MVMap<byte[], byte[]> recordsMap(MVStore store) {
    return store.openMap(
        MvStoreRecordStore.RECORDS_MAP,
        new MVMap.Builder<byte[], byte[]>()
            .keyType(ByteArrayDataType.INSTANCE)
            .valueType(ByteArrayDataType.INSTANCE));
  }

  /**
   * Rewrites both copies of the MVStore file header ({@code key:value,...,fletcher:checksum}) with
   * {@code edit} applied to its fields, and a valid checksum: a header as a future MVStore might
   * write it.
   */
  static void rewriteHeader(Path file, UnaryOperator<String> edit) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES);
      ch.read(block, 0);
      String header = new String(block.array(), StandardCharsets.ISO_8859_1);
      header = header.substring(0, header.indexOf('\n'));
      String fields = edit.apply(header.substring(0, header.lastIndexOf(",fletcher:")));
      byte[] bytes = fields.getBytes(StandardCharsets.ISO_8859_1);
      int checksum = DataUtils.getFletcher32(bytes, 0, bytes.length);
      byte[] full =
          (fields + ",fletcher:" + Integer.toHexString(checksum) + "\n")
              .getBytes(StandardCharsets.ISO_8859_1);
      ByteBuffer out = ByteBuffer.allocate(2 * BLOCK_BYTES);
      out.put(full).position(BLOCK_BYTES);
      out.put(full).rewind();
      ch.write(out, 0);
    }
  }
}
