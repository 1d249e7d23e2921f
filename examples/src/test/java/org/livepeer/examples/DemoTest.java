package org.livepeer.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livepeer.camel.mpegts.MpegTsSegmentIterator;

class DemoTest {

    @TempDir
    Path output;

    @Test
    void theDemoRunsEveryExampleRouteOnTheEmbeddedNetworkAndStops() throws Exception {
        Demo.run(output);

        BufferedImage png = ImageIO.read(output.resolve("lighthouse.png").toFile());
        assertEquals(768, png.getWidth(), "the YAML text-to-image route wrote its picture");
        assertEquals(512, png.getHeight());

        byte[] wav = Files.readAllBytes(output.resolve("speech.wav"));
        assertEquals("RIFF", new String(Arrays.copyOfRange(wav, 0, 4), StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(Arrays.copyOfRange(wav, 8, 12), StandardCharsets.US_ASCII));

        List<byte[]> input = new ArrayList<>();
        try (MpegTsSegmentIterator segments = new MpegTsSegmentIterator(new SampleVideo().open())) {
            segments.forEachRemaining(input::add);
        }
        for (int i = 0; i < input.size(); i++) {
            Path segment = output.resolve("live").resolve("segment-" + i + ".ts");
            assertTrue(Files.exists(segment), "the live route wrote output segment " + i);
            assertArrayEquals(input.get(i), Files.readAllBytes(segment), "segment " + i + " came back unchanged");
        }
    }
}
