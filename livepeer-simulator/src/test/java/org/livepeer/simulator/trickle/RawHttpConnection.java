package org.livepeer.simulator.trickle;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.livepeer.simulator.TestHttp;

/**
 * A bare HTTP/1.1 client over one socket, for precise control of chunked request bodies and for
 * seeing interim {@code 100 Continue} responses. Every read has a timeout, so a test cannot hang.
 */
final class RawHttpConnection implements AutoCloseable {

    /** One response; {@code interim} counts the 1xx responses that came before it. */
    record Response(int status, Map<String, String> headers, byte[] body, int interim) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private Map<String, String> currentHeaders;

    RawHttpConnection(String host, int port, boolean tls) throws IOException {
        if (tls) {
            SSLSocket ssl = (SSLSocket) TestHttp.trustAll().getSocketFactory().createSocket(host, port);
            ssl.startHandshake();
            socket = ssl;
        } else {
            socket = new Socket(host, port);
        }
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        this.host = host + ":" + port;
    }

    /** Sends a request head announcing a chunked body; follow with {@link #sendChunk} and {@link #endBody}. */
    RawHttpConnection startChunkedRequest(String method, String path, Map<String, String> headers) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Transfer-Encoding", "chunked");
        sendHead(method, path, all);
        return this;
    }

    /** Sends a whole request with a body (or none). */
    RawHttpConnection sendRequest(String method, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Length", Integer.toString(body.length));
        sendHead(method, path, all);
        out.write(body);
        out.flush();
        return this;
    }

    void sendChunk(byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    void endBody() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads the next response line and headers, whatever its status (1xx included). */
    Response readHead() throws IOException {
        String statusLine = readLine();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not a status line: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        currentHeaders = headers;
        return new Response(Integer.parseInt(parts[1]), headers, new byte[0], 0);
    }

    /** Reads a final response, skipping (and counting) interim ones, with its whole body. */
    Response readResponse() throws IOException {
        int interim = 0;
        Response head = readHead();
        while (head.status() >= 100 && head.status() < 200) {
            interim++;
            head = readHead();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] chunk = readBodyPart(); chunk != null; chunk = readBodyPart()) {
            body.write(chunk);
        }
        return new Response(head.status(), head.headers(), body.toByteArray(), interim);
    }

    /**
     * The next piece of the current response's body: one chunk of a chunked body, or the whole of a
     * sized one; null at the end.
     */
    byte[] readBodyPart() throws IOException {
        if ("chunked".equalsIgnoreCase(currentHeaders.get("transfer-encoding"))) {
            int size = Integer.parseInt(readLine().trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                currentHeaders = Map.of("content-length", "0");
                return null;
            }
            byte[] data = in.readNBytes(size);
            if (data.length < size) {
                throw new EOFException("connection closed inside a chunk");
            }
            readLine();
            return data;
        }
        String length = currentHeaders.get("content-length");
        if (length == null || length.equals("0")) {
            return null;
        }
        byte[] data = in.readNBytes(Integer.parseInt(length));
        currentHeaders = Map.of("content-length", "0");
        return data;
    }

    /** All bytes until the server closes the connection (to see a response cut short). */
    byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    /** Whether the server closed the connection (reads EOF). */
    boolean serverClosed() throws IOException {
        return in.read() == -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void sendHead(String method, String path, Map<String, String> headers) throws IOException {
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private String readLine() throws IOException {
        List<Byte> bytes = new ArrayList<>();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                bytes.add((byte) b);
            }
        }
        byte[] line = new byte[bytes.size()];
        for (int i = 0; i < line.length; i++) {
            line[i] = bytes.get(i);
        }
        return new String(line, StandardCharsets.US_ASCII);
    }
}
