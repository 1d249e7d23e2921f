package org.livepeer.camel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livepeer.simulator.LivepeerSimulator;

class YamlImageToFileTest {

    @TempDir
    Path output;

    @Test
    void aTimerRouteWritesARealPngOfTheRequestedSize() throws Exception {
        try (LivepeerSimulator sim =
                        LivepeerSimulator.builder().orchestrators(1).start();
                CamelContext context = new DefaultCamelContext()) {
            String yaml =
                    """
                    - route:
                        from:
                          uri: timer:lighthouse
                          parameters:
                            repeatCount: 1
                          steps:
                            - setBody:
                                constant: a lighthouse at dawn
                            - to:
                                uri: livepeer:text-to-image
                                parameters:
                                  modelId: ByteDance/SDXL-Lightning
                                  token: "%s"
                                  outputType: bytes
                                  fields: '{"width": 640, "height": 384}'
                            - to:
                                uri: file:%s
                                parameters:
                                  fileName: lighthouse.png
                    """
                            .formatted(sim.token(), output.toAbsolutePath());
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("image.yaml", yaml));
            context.start();

            Path png = output.resolve("lighthouse.png");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(png) && Files.size(png) > 0);

            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(640, image.getWidth());
            assertEquals(384, image.getHeight());
        }
    }
}
