package dev.geminilive.mock.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes 16-bit mono PCM as a WAV file, the format a scenario's {@code audio.file} reads. */
final class WavFile {
  private WavFile() {}

  static void write(Path file, byte[] pcm, int sampleRate) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    header.putInt(36 + pcm.length);
    header.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    header.putInt(16); // fmt chunk size
    header.putShort((short) 1); // PCM
    header.putShort((short) 1); // mono
    header.putInt(sampleRate);
    header.putInt(sampleRate * 2); // bytes per second
    header.putShort((short) 2); // block align
    header.putShort((short) 16); // bits per sample
    header.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    header.putInt(pcm.length);
    byte[] bytes = new byte[44 + pcm.length];
    System.arraycopy(header.array(), 0, bytes, 0, 44);
    System.arraycopy(pcm, 0, bytes, 44, pcm.length);
    Files.write(file, bytes);
  }
}
