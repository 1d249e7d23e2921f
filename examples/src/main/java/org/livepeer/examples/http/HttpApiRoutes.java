package org.livepeer.examples.http;

import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * go-livepeer's AI gateway API as Camel routes: one Netty HTTP route per pipeline, {@code POST
 * /<pipeline>}, each reading the request (JSON or multipart, as the AI runner's OpenAPI spec has
 * it), sending it to {@code livepeer:<pipeline>} and answering the pipeline's JSON. The host, the
 * port, the largest request and each pipeline's default model come from the properties {@code
 * http-api.host}, {@code http-api.port}, {@code http-api.max-request-bytes} and {@code
 * http-api.model.<pipeline>}.
 */
public class HttpApiRoutes extends RouteBuilder {

    @Override
    public void configure() throws Exception {
        MediaInliner mediaInliner = new MediaInliner();
        getContext().addService(mediaInliner);

        onException(Exception.class).handled(true).process(new ErrorResponseWriter());

        for (ApiEndpoint endpoint : ApiEndpoint.values()) {
            RouteDefinition route = from(httpUri(endpoint))
                    .routeId("http-api-" + endpoint.pipelineName())
                    .process(reader(endpoint))
                    .process(new RequiredFields(endpoint.requiredFields()));
            if (endpoint == ApiEndpoint.LLM) {
                route.choice()
                        .when(simple("${body[stream]} == true"))
                        .to(livepeerUri(endpoint) + "&stream=true")
                        .process(new EventStreamWriter())
                        .otherwise()
                        .to(livepeerUri(endpoint))
                        .process(new JsonResponseWriter())
                        .end();
            } else {
                route.to(livepeerUri(endpoint)).process(mediaInliner).process(new JsonResponseWriter());
            }
        }
    }

    private static String httpUri(ApiEndpoint endpoint) {
        return "netty-http:http://{{http-api.host}}:{{http-api.port}}/" + endpoint.pipelineName()
                + "?httpMethodRestrict=POST"
                + "&chunkedMaxContentLength={{http-api.max-request-bytes}}"
                // answers given as an InputStream (streamed LLM events) go out chunk by chunk
                + "&disableStreamCache=true";
    }

    /** The pipeline's endpoint; the model given is the default, a request's own model_id wins. */
    private static String livepeerUri(ApiEndpoint endpoint) {
        return "livepeer:" + endpoint.pipelineName() + "?modelId={{http-api.model." + endpoint.pipelineName() + "}}";
    }

    private static Processor reader(ApiEndpoint endpoint) {
        return endpoint.encoding() == ApiEndpoint.BodyEncoding.JSON
                ? new JsonRequestReader()
                : new MultipartRequestReader();
    }
}
