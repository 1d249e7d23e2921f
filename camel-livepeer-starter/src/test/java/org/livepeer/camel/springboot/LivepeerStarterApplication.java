package org.livepeer.camel.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** An application whose routes name no network at all: it comes from camel.component.livepeer.*. */
@SpringBootApplication
public class LivepeerStarterApplication {

    static final String LIVE = "livepeer:live-video-to-video?modelId=streamdiffusion&session=boot";

    @Bean
    RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:image").to("livepeer:text-to-image?modelId=ByteDance/SDXL-Lightning");
                from("direct:live").to(LIVE);
                from(LIVE).to("mock:live-out");
            }
        };
    }
}
