package org.livepeer.examples.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.livepeer.gateway.ai.model.MediaInput;

/**
 * Reads a {@code multipart/form-data} request body into the Map of request fields: text parts as
 * strings (the component converts them to the request's types), file parts ({@code image},
 * {@code audio}) as {@link MediaInput} with their file names.
 */
final class MultipartRequestReader implements Processor {

    @Override
    public void process(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new BadRequestException("the request body must be multipart/form-data");
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setBody(read(contentType, body == null ? new byte[0] : body));
    }

    static Map<String, Object> read(String contentType, byte[] body) {
        FullHttpRequest request =
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/", Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpPostRequestDecoder decoder = null;
        try {
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request);
            Map<String, Object> fields = new LinkedHashMap<>();
            for (InterfaceHttpData part : decoder.getBodyHttpDatas()) {
                fields.put(part.getName(), value(part));
            }
            return fields;
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw new BadRequestException("the multipart body cannot be read: " + e.getMessage(), e);
        } finally {
            if (decoder != null) {
                decoder.destroy();
            }
            request.release();
        }
    }

    private static Object value(InterfaceHttpData part) {
        try {
            if (part instanceof FileUpload file) {
                String name = file.getFilename() == null || file.getFilename().isBlank() ? null : file.getFilename();
                return MediaInput.of(file.get(), name);
            }
            return ((Attribute) part).getValue();
        } catch (IOException e) {
            throw new BadRequestException("the part '" + part.getName() + "' cannot be read", e);
        }
    }
}
