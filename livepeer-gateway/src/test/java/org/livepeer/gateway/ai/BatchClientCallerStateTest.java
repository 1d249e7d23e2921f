package org.livepeer.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.livepeer.gateway.ai.model.AudioToTextRequest;
import org.livepeer.gateway.ai.model.LlmRequest;
import org.livepeer.gateway.ai.model.MediaInput;
import org.livepeer.simulator.Capability;

/** The batch client uses what its caller gives it (the executor) and changes nothing the caller owns. */
class BatchClientCallerStateTest {

    private static BatchNetwork network;

    @BeforeAll
    static void start() {
        network = BatchNetwork.start(sim -> sim.orchestrators(1));
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    @Test
    void uploadStreamsAreReadOnTheExecutorTheCallerGave() {
        List<String> readers = new CopyOnWriteArrayList<>();
        var audio = new FilterInputStream(new ByteArrayInputStream(TestMedia.wav(1.5, 16_000))) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                readers.add(Thread.currentThread().getName());
                return super.read(buffer, offset, length);
            }
        };
        String caller = Thread.currentThread().getName();

        network.client
                .run(AudioToTextRequest.of(MediaInput.of(audio, "speech.wav"))
                        .setModelId(BatchNetwork.model(Capability.AUDIO_TO_TEXT)))
                .join();

        assertTrue(readers.stream().anyMatch(name -> name.startsWith("test-upload-reads-")), readers.toString());
        assertTrue(
                readers.stream().allMatch(name -> name.startsWith("test-upload-reads-") || name.equals(caller)),
                "only the caller's executor (and the caller, probing the header) read: " + readers);
    }

    @Test
    void streamingAnLlmAnswerLeavesTheCallersRequestAsItWas() {
        LlmRequest request = LlmRequest.of("Name a lighthouse.").setModel(BatchNetwork.model(Capability.LLM));

        try (LlmStream stream = network.client.stream(request).join().response()) {
            assertFalse(stream.remainingText().isBlank());
        }

        assertFalse(request.isStream(), "the request was not changed to a streaming one");
        BatchResult<?> whole = network.client.run(request).join();
        assertTrue(whole.response() != null, "the same request can still be sent for a whole answer");
    }
}
