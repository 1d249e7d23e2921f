package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.livepeer.simulator.junit.LivepeerSimulatorExtension;

class YamlImageToFileTest extends CamelTestSupport {

    @RegisterExtension
    static LivepeerSimulatorExtension livepeer = LivepeerSimulatorExtension.create();

    @TempDir
    Path output;

    /** The timer fires once at start: the test watches for it first, then starts the context. */
    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withAutoStartContext(false);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        return livepeer.properties();
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
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
                              token: "{{livepeer.token}}"
                              outputType: bytes
                              fields: '{"width": 640, "height": 384}'
                        - to:
                            uri: file:%s
                            parameters:
                              fileName: lighthouse.png
                """
                        .formatted(output.toAbsolutePath());
        return PluginHelper.getRoutesLoader(context)
                .findRoutesBuilders(ResourceHelper.fromString("image.yaml", yaml))
                .toArray(RoutesBuilder[]::new);
    }

    @Test
    void aTimerRouteWritesARealPngOfTheRequestedSize() throws Exception {
        NotifyBuilder written =
                new NotifyBuilder(context).wereSentTo("file:*").whenCompleted(1).create();
        context.start();

        assertTrue(written.matches(20, TimeUnit.SECONDS), "the image was written");

        BufferedImage image = ImageIO.read(output.resolve("lighthouse.png").toFile());
        assertEquals(640, image.getWidth());
        assertEquals(384, image.getHeight());
    }
}
