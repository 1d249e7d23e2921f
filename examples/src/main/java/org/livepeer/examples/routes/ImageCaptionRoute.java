package org.livepeer.examples.routes;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.apache.camel.builder.RouteBuilder;

/** Java DSL: describes a picture with the image-to-text pipeline and logs the caption. */
public class ImageCaptionRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:caption?repeatCount=1&delay=2000")
                .routeId("image-to-text")
                .setBody(exchange -> picture())
                .log("image-to-text: asking for a caption of a 320x200 picture")
                .to("livepeer:image-to-text?modelId=Salesforce/blip-image-captioning-large")
                .log("image-to-text: ${header.CamelLivepeerOrchestratorUsed} says '${body.text}'");
    }

    private static byte[] picture() {
        BufferedImage image = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 90, 160));
        g.fillRect(0, 0, 320, 200);
        g.setColor(Color.WHITE);
        g.fillRect(150, 40, 20, 120);
        g.dispose();
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
