package org.livepeer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

    @TempDir
    Path output;

    @Test
    void theDemoRunsItsRoutesOnTheEmbeddedNetworkAndStops() throws Exception {
        Demo.run(output);

        Path image = output.resolve("lighthouse.png");
        assertTrue(Files.exists(image), "the text-to-image route wrote its file");
        BufferedImage png = ImageIO.read(image.toFile());
        assertEquals(768, png.getWidth());
        assertEquals(512, png.getHeight());
    }
}
