package org.livepeer.simulator.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link HostileServer} does with one request: bytes to write, pauses, and how it ends
 * (keep the connection for the next request, close it, or stall forever).
 */
public final class Script {

    sealed interface Step permits Write, Pause, Repeat, Close, Stall, StopReading {}

    record Write(byte[] bytes) implements Step {}

    record Pause(Duration duration) implements Step {}

    /** Writes {@code bytes} every {@code interval} until the client goes away. */
    record Repeat(byte[] bytes, Duration interval) implements Step {}

    record Close() implements Step {}

    record Stall() implements Step {}

    record StopReading() implements Step {}

    final List<Step> steps = new ArrayList<>();
    boolean answerOnHead;

    private Script() {}

    public static Script create() {
        return new Script();
    }

    /** A whole response with a {@code Content-Length}. */
    public static Script respond(int status, String contentType, String body) {
        return create().write(response(status, contentType, body));
    }

    public static String response(int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length
                + "\r\n\r\n" + body;
    }

    /** Runs the script as soon as the request head arrived, without waiting for the body. */
    public Script onHead() {
        this.answerOnHead = true;
        return this;
    }

    public Script write(String text) {
        return write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public Script write(byte[] bytes) {
        steps.add(new Write(bytes));
        return this;
    }

    public Script pause(Duration duration) {
        steps.add(new Pause(duration));
        return this;
    }

    public Script repeat(String text, Duration interval) {
        steps.add(new Repeat(text.getBytes(StandardCharsets.ISO_8859_1), interval));
        return this;
    }

    public Script close() {
        steps.add(new Close());
        return this;
    }

    /** Never writes again and never closes; the client has to give up. */
    public Script stall() {
        steps.add(new Stall());
        return this;
    }

    /** Stops reading the socket, so a client writing a body is held back by TCP. */
    public Script stopReading() {
        steps.add(new StopReading());
        return this;
    }
}
