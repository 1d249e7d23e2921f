package org.livepeer.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The raw baseline's client: HTTP/1.1 by hand on two blocking JDK sockets, one keep-alive connection
 * publishing chunked POSTs and one reading GETs, with no library between the bytes and the socket.
 */
final class RawHttpClient implements LoopClient {

    static final int WRITE_BYTES = 64 * 1024;

    private final String run;
    private final Socket publishSocket;
    private final OutputStream publishOut;
    private final InputStream publishIn;
    private final Socket readSocket;
    private final OutputStream readOut;
    private final InputStream readIn;
    private final byte[] buffer = new byte[WRITE_BYTES];

    RawHttpClient(String baseUrl, String run) throws IOException {
        URI uri = URI.create(baseUrl);
        this.run = run;
        publishSocket = connect(uri);
        publishOut = publishSocket.getOutputStream();
        publishIn = new BufferedInputStream(publishSocket.getInputStream(), WRITE_BYTES);
        readSocket = connect(uri);
        readOut = readSocket.getOutputStream();
        readIn = new BufferedInputStream(readSocket.getInputStream(), WRITE_BYTES);
    }

    private static Socket connect(URI uri) throws IOException {
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        return socket;
    }

    @Override
    public void publish(long seq, byte[] data, int length) throws IOException {
        publishOut.write(("POST /" + run + "-" + seq + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\nContent-Type: video/mp2t\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (int offset = 0; offset < length; offset += WRITE_BYTES) {
            int n = Math.min(WRITE_BYTES, length - offset);
            publishOut.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            publishOut.write(data, offset, n);
            publishOut.write(CRLF);
            publishOut.flush();
        }
        publishOut.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        publishOut.flush();
        long contentLength = readHead(publishIn);
        for (long i = 0; i < contentLength; i++) {
            publishIn.read();
        }
    }

    @Override
    public long receive(long seq) throws IOException {
        readOut.write(("GET /" + run + "-" + seq + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        readOut.flush();
        readHead(readIn);
        long total = 0;
        while (true) {
            int size = Integer.parseInt(readLine(readIn).trim(), 16);
            if (size == 0) {
                readLine(readIn);
                return total;
            }
            int left = size;
            while (left > 0) {
                int n = readIn.read(buffer, 0, Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException("raw relay closed mid-chunk");
                }
                left -= n;
            }
            total += size;
            readLine(readIn);
        }
    }

    /** Reads a response head; returns its Content-Length (0 when chunked or absent). */
    private static long readHead(InputStream in) throws IOException {
        String status = readLine(in);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("raw relay answered " + status);
        }
        long length = 0;
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        return length;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("raw relay closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    @Override
    public void close() throws IOException {
        publishSocket.close();
        readSocket.close();
    }
}
