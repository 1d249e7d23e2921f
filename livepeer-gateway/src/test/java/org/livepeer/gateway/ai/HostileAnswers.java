package org.livepeer.gateway.ai;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.livepeer.simulator.hostile.Script;

/**
 * Generates what a hostile server answers: a status, a body (valid for the target, other JSON,
 * binary, empty or large), a framing (correct, wrong or missing length, chunked, broken) and an
 * ending (keep the connection, close it, close mid-answer, stall, drip, flood with 100 Continue,
 * garbage instead of HTTP). Stalls and drips are rare so the suite stays quick.
 */
final class HostileAnswers {

    private HostileAnswers() {}

    static Arbitrary<Script> scripts(String... validBodies) {
        Arbitrary<Integer> status = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(200)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(400, 401, 403, 404, 422, 470, 480, 481, 482, 500, 502, 503)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(100, 599)));
        Arbitrary<String> body = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.of(validBodies)),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.of(
                                "",
                                "{}",
                                "[]",
                                "null",
                                "{\"error\":{\"message\":\"no\"}}",
                                "[1,2",
                                "{\"a\":",
                                "data: {\"choices\":[]}\n\n",
                                "data: [DONE]\n\n",
                                "\u0000\u0001\u00ff")),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().ofMaxLength(300)),
                net.jqwik.api.Tuple.of(
                        1, Arbitraries.integers().between(1, 200_000).map("z"::repeat)));
        Arbitrary<Framing> framing = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(7, Arbitraries.just(Framing.LENGTH)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Framing.values())));
        Arbitrary<Ending> ending = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(14, Arbitraries.just(Ending.KEEP)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(Ending.CLOSE, Ending.CLOSE_MID, Ending.GARBAGE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Ending.values())));
        return Combinators.combine(status, body, framing, ending).as(HostileAnswers::script);
    }

    enum Framing {
        LENGTH,
        LENGTH_TOO_LONG,
        LENGTH_TOO_SHORT,
        NO_LENGTH,
        CHUNKED,
        BROKEN_CHUNKS,
        BAD_LENGTH_VALUE
    }

    enum Ending {
        KEEP,
        CLOSE,
        CLOSE_MID,
        GARBAGE,
        STALL,
        DRIP,
        CONTINUE_FLOOD,
        HEAD_ONLY_STALL
    }

    static Script script(int status, String body, Framing framing, Ending ending) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head =
                new StringBuilder("HTTP/1.1 " + status + " Whatever\r\nContent-Type: application/json\r\n");
        String content = new String(bytes, StandardCharsets.ISO_8859_1);
        switch (framing) {
            case LENGTH -> head.append("Content-Length: ").append(bytes.length).append("\r\n");
            case LENGTH_TOO_LONG -> head.append("Content-Length: ")
                    .append(bytes.length + 10)
                    .append("\r\n");
            case LENGTH_TOO_SHORT -> head.append("Content-Length: ")
                    .append(Math.max(0, bytes.length - 3))
                    .append("\r\n");
            case NO_LENGTH -> head.append("Connection: close\r\n");
            case CHUNKED -> {
                head.append("Transfer-Encoding: chunked\r\n");
                content = (bytes.length == 0 ? "" : Integer.toHexString(bytes.length) + "\r\n" + content + "\r\n")
                        + "0\r\n\r\n";
            }
            case BROKEN_CHUNKS -> {
                head.append("Transfer-Encoding: chunked\r\n");
                content = "zz\r\n" + content;
            }
            case BAD_LENGTH_VALUE -> head.append("Content-Length: -7\r\n");
        }
        head.append("\r\n");
        Script script = Script.create();
        switch (ending) {
            case KEEP -> script.write(head + content);
            case CLOSE -> script.write(head + content).close();
            case CLOSE_MID -> script.write(head + content.substring(0, content.length() / 2))
                    .close();
            case GARBAGE -> script.write("SSH-2.0-OpenSSH\r\n" + content).close();
            case STALL -> script.write(head + content.substring(0, content.length() / 2))
                    .stall();
            case DRIP -> script.write(head.toString()).repeat("x", Duration.ofMillis(5));
            case CONTINUE_FLOOD -> script.repeat("HTTP/1.1 100 Continue\r\n\r\n", Duration.ofMillis(1));
            case HEAD_ONLY_STALL -> script.stall();
        }
        if (framing == Framing.NO_LENGTH && ending == Ending.KEEP) {
            script.close();
        }
        return script;
    }
}
