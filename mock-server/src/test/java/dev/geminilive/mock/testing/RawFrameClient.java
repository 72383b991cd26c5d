package dev.geminilive.mock.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client on a plain socket, for abuse the JDK client refuses to send: any opcode,
 * RSV bits, unmasked frames, lying lengths, fragments and control frames in any order, invalid
 * UTF-8. It reads server frames on its own thread and records how the connection ended.
 */
public final class RawFrameClient implements AutoCloseable {
  public static final int CONTINUATION = 0x0;
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;
  public static final int PONG = 0xA;

  /** A frame from the server. */
  public record Frame(int opcode, boolean fin, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /**
   * How the connection ended: the server's close frame ({@code code}, {@code reason}), or
   * {@code code} 1006 when the socket ended without one; {@code wellFormed} is false if the close
   * frame itself broke RFC 6455 (bad length, unknown code, invalid UTF-8 reason).
   */
  public record Close(int code, String reason, boolean wellFormed) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Close> closed = new CompletableFuture<>();
  private final String upgradeResponse;
  private Thread reader;
  private volatile boolean answeredClose;

  private RawFrameClient(Socket socket, String upgradeResponse) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.upgradeResponse = upgradeResponse;
  }

  /** Connects and upgrades; starts reading at once. */
  public static RawFrameClient connect(int port, String pathAndQuery) throws IOException {
    RawFrameClient c = open(port, pathAndQuery, 0);
    c.startReading();
    return c;
  }

  /**
   * Connects and upgrades but does not read until {@link #startReading()}: a slow consumer.
   * {@code receiveBuffer} &gt; 0 shrinks the socket's receive buffer so the server feels it soon.
   */
  public static RawFrameClient open(int port, String pathAndQuery, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(0);
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
    s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    String head = readHead(s.getInputStream());
    if (!head.startsWith("HTTP/1.1 101")) {
      s.close();
      throw new IOException("upgrade refused: " + head);
    }
    return new RawFrameClient(s, head);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during the upgrade: " + head);
      }
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  public String upgradeResponse() {
    return upgradeResponse;
  }

  public synchronized void startReading() {
    if (reader == null) {
      reader = new Thread(this::readLoop, "raw-frame-reader");
      reader.setDaemon(true);
      reader.start();
    }
  }

  // ---- sending ----

  /** A whole, masked frame with the given header bits. */
  public RawFrameClient frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) throws IOException {
    return raw(encode(fin, rsv, opcode, payload, masked));
  }

  /** The bytes of one frame, for tests that must put several frames in one write. */
  public static byte[] encode(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
    ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
    f.write((fin ? 0x80 : 0) | ((rsv & 0x7) << 4) | (opcode & 0xF));
    writeLength(f, masked, payload.length);
    if (masked) {
      byte[] mask = new byte[4];
      ThreadLocalRandom.current().nextBytes(mask);
      f.writeBytes(mask);
      byte[] masked2 = payload.clone();
      for (int i = 0; i < masked2.length; i++) {
        masked2[i] ^= mask[i & 3];
      }
      f.writeBytes(masked2);
    } else {
      f.writeBytes(payload);
    }
    return f.toByteArray();
  }

  public RawFrameClient frame(boolean fin, int opcode, byte[] payload) throws IOException {
    return frame(fin, 0, opcode, payload, true);
  }

  public RawFrameClient text(String text) throws IOException {
    return frame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Only the header of a masked frame that announces {@code declaredLength} bytes, then
   * {@code sentBytes} of them: a server must judge the length before reading the payload.
   */
  public RawFrameClient header(int opcode, long declaredLength, int sentBytes) throws IOException {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(0x80 | opcode);
    f.write(0x80 | 127);
    for (int i = 7; i >= 0; i--) {
      f.write((int) (declaredLength >>> (8 * i)) & 0xFF);
    }
    f.write(new byte[] {1, 2, 3, 4});
    f.write(new byte[sentBytes]);
    return raw(f.toByteArray());
  }

  public synchronized RawFrameClient raw(byte[] bytes) throws IOException {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      // The server may close while we write abuse; what it said is in the close record.
      if (!closed.isDone()) {
        throw e;
      }
    }
    return this;
  }

  private static void writeLength(ByteArrayOutputStream f, boolean masked, int n) {
    int maskBit = masked ? 0x80 : 0;
    if (n < 126) {
      f.write(maskBit | n);
    } else if (n < 65536) {
      f.write(maskBit | 126);
      f.write(n >>> 8);
      f.write(n & 0xFF);
    } else {
      f.write(maskBit | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) (((long) n) >>> (8 * i)) & 0xFF);
      }
    }
  }

  // ---- receiving ----

  /** The next data frame (text or binary), or null after {@code timeoutMillis}. */
  public Frame nextData(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      long left = deadline - System.nanoTime();
      Frame f = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (f == null) {
        return null;
      }
      if (f.opcode() == TEXT || f.opcode() == BINARY) {
        return f;
      }
    }
  }

  /** The next frame of any kind, or null after {@code timeoutMillis}. */
  public Frame next(long timeoutMillis) throws InterruptedException {
    return frames.poll(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Every frame received so far (control frames included), removed from the queue. */
  public java.util.List<Frame> drain() {
    java.util.List<Frame> all = new java.util.ArrayList<>();
    frames.drainTo(all);
    return all;
  }

  /** How the connection ended, or null if it is still open after {@code timeoutMillis}. */
  public Close awaitClose(long timeoutMillis) {
    try {
      return closed.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      return null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  private void readLoop() {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    int messageOpcode = -1;
    try {
      while (true) {
        int b0 = readByte();
        int b1 = readByte();
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0xF;
        if ((b1 & 0x80) != 0) {
          closed.complete(new Close(1002, "server masked its frame", false));
          return;
        }
        long len = b1 & 0x7F;
        if (len == 126) {
          len = (readByte() << 8) | readByte();
        } else if (len == 127) {
          len = 0;
          for (int i = 0; i < 8; i++) {
            len = (len << 8) | readByte();
          }
        }
        byte[] payload = in.readNBytes((int) len);
        if (payload.length < len) {
          throw new EOFException();
        }
        if (opcode == CLOSE) {
          closed.complete(parseClose(payload));
          answerClose(payload);
          return;
        }
        if (opcode == CONTINUATION) {
          message.write(payload);
          if (fin) {
            frames.add(new Frame(messageOpcode, true, message.toByteArray()));
            message.reset();
          }
        } else if (opcode == TEXT || opcode == BINARY) {
          if (fin) {
            frames.add(new Frame(opcode, true, payload));
          } else {
            messageOpcode = opcode;
            message.write(payload);
          }
        } else {
          frames.add(new Frame(opcode, fin, payload));
        }
      }
    } catch (IOException e) {
      closed.complete(new Close(1006, "socket ended without a close frame: " + e, true));
    }
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("end of stream");
    }
    return b;
  }

  private static Close parseClose(byte[] payload) {
    if (payload.length == 0) {
      return new Close(1005, "", true);
    }
    if (payload.length == 1 || payload.length > 125) {
      return new Close(1002, "close frame of " + payload.length + " bytes", false);
    }
    int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    var decoder = StandardCharsets.UTF_8.newDecoder();
    String reason;
    boolean ok = validCode(code);
    try {
      reason = decoder.decode(java.nio.ByteBuffer.wrap(payload, 2, payload.length - 2)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      reason = "(invalid UTF-8)";
      ok = false;
    }
    return new Close(code, reason, ok);
  }

  /** Codes a server may send (RFC 6455 §7.4.1; 1004-1006 and 1015 are never sent). */
  private static boolean validCode(int code) {
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
  }

  private void answerClose(byte[] payload) {
    if (answeredClose) {
      return;
    }
    answeredClose = true;
    try {
      byte[] echo = payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0];
      frame(true, 0, CLOSE, echo, true);
    } catch (IOException ignored) {
      // the server may already have gone; its close was recorded
    }
  }

  /** Sends a close frame (unless the server closed first) and ends the socket. */
  @Override
  public void close() {
    try {
      if (!closed.isDone() && !answeredClose) {
        answeredClose = true;
        frame(true, 0, CLOSE, new byte[] {0x03, (byte) 0xE8}, true);
      }
    } catch (IOException ignored) {
      // closing anyway
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
