package org.livepeer.simulator.ai;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The fields and files of a {@code multipart/form-data} body, decoded in memory by Netty. */
final class MultipartFields implements RequestFields {

    private final Map<String, String> values;
    private final Map<String, UploadedFile> files;

    private MultipartFields(Map<String, String> values, Map<String, UploadedFile> files) {
        this.values = values;
        this.files = files;
    }

    static MultipartFields parse(String contentType, byte[] body) throws AiHttpError {
        DefaultFullHttpRequest request =
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/", Unpooled.wrappedBuffer(body));
        try {
            if (contentType != null) {
                request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
            }
            if (!HttpPostRequestDecoder.isMultipart(request)) {
                throw AiHttpError.badRequest("request Content-Type isn't multipart/form-data");
            }
            return decode(request);
        } finally {
            request.release();
        }
    }

    private static MultipartFields decode(DefaultFullHttpRequest request) throws AiHttpError {
        Map<String, String> values = new HashMap<>();
        Map<String, UploadedFile> files = new HashMap<>();
        HttpPostRequestDecoder decoder;
        try {
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request, StandardCharsets.UTF_8);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw AiHttpError.badRequest("multipart: " + e.getMessage());
        }
        try {
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof FileUpload upload) {
                    files.putIfAbsent(
                            upload.getName(),
                            new UploadedFile(upload.getFilename(), upload.getContentType(), upload.get()));
                } else if (data instanceof Attribute attribute) {
                    values.putIfAbsent(attribute.getName(), attribute.getValue());
                    // A part without a filename still binds to a file field in go-livepeer.
                    files.putIfAbsent(attribute.getName(), new UploadedFile(null, null, attribute.get()));
                }
            }
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException | IOException e) {
            throw AiHttpError.badRequest("multipart: " + e.getMessage());
        } finally {
            decoder.destroy();
        }
        return new MultipartFields(values, files);
    }

    @Override
    public String string(String name) {
        return values.get(name);
    }

    @Override
    public Integer integer(String name) throws AiHttpError {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw syntax("strconv.ParseInt", value);
        }
    }

    @Override
    public Double number(String name) throws AiHttpError {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw syntax("strconv.ParseFloat", value);
        }
    }

    @Override
    public Boolean bool(String name) throws AiHttpError {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        return switch (value.trim()) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw syntax("strconv.ParseBool", value);
        };
    }

    @Override
    public UploadedFile file(String name) {
        return files.get(name);
    }

    private static AiHttpError syntax(String function, String value) {
        return AiHttpError.badRequest(function + ": parsing \"" + value + "\": invalid syntax");
    }
}
