package org.livepeer.examples.http;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.livepeer.gateway.Failures;
import org.livepeer.gateway.NoOrchestratorAvailableException;
import org.livepeer.gateway.ai.AiRequestException;
import org.livepeer.gateway.ai.InvalidAiRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a failure as go-livepeer's gateway does: {@code {"error": {"message": "…"}}} with 400
 * for a request that cannot be served as it is, 503 when no orchestrator can take it and 500
 * otherwise. Details of 503 and 500 (orchestrator addresses, causes) go to the log, not to the
 * client.
 */
final class ErrorResponseWriter implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponseWriter.class);

    @Override
    public void process(Exchange exchange) {
        Throwable failure = Failures.unwrap(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        String path = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        int status = status(failure);
        String message;
        if (status == 400) {
            message = clientMessage(failure);
            LOG.info("{} refused (400): {}", path, message);
        } else if (status == 503) {
            message = "no orchestrator is available for this request";
            LOG.warn("{} failed (503): {}", path, failure.getMessage());
        } else {
            message = "internal server error";
            LOG.warn("{} failed (500)", path, failure);
        }
        Message answer = exchange.getMessage();
        HttpAnswers.clearRequestHeaders(answer);
        answer.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        answer.setHeader(Exchange.CONTENT_TYPE, "application/json");
        answer.setBody(ApiJson.write(Map.of("error", Map.of("message", message))));
    }

    static int status(Throwable failure) {
        if (failure instanceof BadRequestException
                || failure instanceof InvalidAiRequestException
                || failure instanceof IllegalArgumentException) {
            return 400;
        }
        if (failure instanceof AiRequestException refused && (refused.status() == 400 || refused.status() == 422)) {
            return 400;
        }
        if (failure instanceof NoOrchestratorAvailableException) {
            return 503;
        }
        return 500;
    }

    private static String clientMessage(Throwable failure) {
        if (failure instanceof AiRequestException refused) {
            return refused.orchestratorMessage();
        }
        return failure.getMessage();
    }
}
