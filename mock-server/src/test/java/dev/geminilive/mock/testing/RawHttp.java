package dev.geminilive.mock.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * HTTP/1.1 over a bare socket, for requests a real client library would tidy up first: request
 * targets with dot segments, encoded slashes, odd case, absolute form, oversized lines. One
 * request per connection ({@code Connection: close}).
 */
public final class RawHttp {
  /** A response as received. */
  public record Response(int status, List<String> headers, String body) {
    /** Every value of a header, ignoring case. */
    public List<String> header(String name) {
      List<String> values = new ArrayList<>();
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      for (String h : headers) {
        if (h.toLowerCase(Locale.ROOT).startsWith(prefix)) {
          values.add(h.substring(prefix.length()).trim());
        }
      }
      return values;
    }
  }

  private final String host;
  private final int port;
  private final SSLContext tls;

  public RawHttp(String host, int port) {
    this(host, port, null);
  }

  public RawHttp(String host, int port, SSLContext tls) {
    this.host = host;
    this.port = port;
    this.tls = tls;
  }

  /** Sends {@code method target} with {@code headers} ("Name: value") and a body, and reads the answer. */
  public Response send(String method, String target, String body, String... headers) throws IOException {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port).append("\r\n");
    for (String h : headers) {
      head.append(h).append("\r\n");
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      head.append("Content-Type: application/json\r\n");
      head.append("Content-Length: ").append(bytes.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    return exchange(head.toString().getBytes(StandardCharsets.ISO_8859_1), bytes);
  }

  public Response get(String target, String... headers) throws IOException {
    return send("GET", target, null, headers);
  }

  /**
   * Sends only the head of a request that announces a body of {@code contentLength} bytes, and
   * reads the response: what a server answers before it has read any body.
   */
  public Response headOnly(String method, String target, long contentLength, String... headers) throws IOException {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host).append(':').append(port).append("\r\n");
    for (String h : headers) {
      head.append(h).append("\r\n");
    }
    head.append("Content-Type: application/json\r\nContent-Length: ").append(contentLength).append("\r\n\r\n");
    return exchange(head.toString().getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
  }

  /** Sends raw bytes as they are and reads one response. */
  public Response exchange(byte[] head, byte[] body) throws IOException {
    try (Socket socket = open()) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write(body);
      out.flush();
      return read(new java.io.BufferedInputStream(socket.getInputStream()));
    }
  }

  private Socket open() throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(host, port), 5_000);
    if (tls == null) {
      return plain;
    }
    return tls.getSocketFactory().createSocket(plain, host, port, true);
  }

  /** Reads one response: its head, then Content-Length bytes, or up to end of stream without one. */
  private static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    int headEnd = -1;
    long want = -1;
    try {
      int b;
      while ((b = in.read()) >= 0) {
        all.write(b);
        int n = all.size();
        if (headEnd < 0 && n >= 4 && all.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          headEnd = n;
          for (String line : all.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
              want = Long.parseLong(line.substring(15).trim());
            }
          }
        }
        if (headEnd >= 0 && want >= 0 && n - headEnd >= want) {
          break;
        }
      }
    } catch (java.net.SocketException e) {
      // The server may reset after answering a request it refused; keep what arrived.
      if (all.size() == 0) {
        throw e;
      }
    }
    String text = all.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no complete response head: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    List<String> headers = List.of(lines).subList(1, lines.length);
    return new Response(status, headers, text.substring(end + 4));
  }
}
