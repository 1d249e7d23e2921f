package org.livepeer.simulator.ai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livepeer.simulator.Capability;

class ImageToVideoPipelineTest {

    private final BatchApiServer server = new BatchApiServer();
    private final byte[] image = TestMedia.png(64, 48, Color.GREEN);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersLikeGoLivepeerWithOneDownloadableMp4OfTwentyFiveJpegFrames() throws Exception {
        MultipartBody request = new MultipartBody()
                .field("model_id", "stabilityai/stable-video-diffusion-img2vid-xt-1-1")
                .field("width", "160")
                .field("height", "96")
                .field("seed", "5")
                .file("image", "in.png", "image/png", image);

        JsonNode images = BatchApiServer.json(server.postMultipart("/image-to-video", request))
                .get("images");

        assertEquals(1, images.size());
        assertEquals(5, images.get(0).get("seed").asLong());
        String url = images.get(0).get("url").asText();
        assertTrue(url.endsWith(".mp4"), url);
        byte[] mp4 = server.fetch(url, "video/mp4");
        Mp4 file = new Mp4(mp4);
        assertEquals(List.of("ftyp", "mdat", "moov"), file.topLevelTypes());
        List<Integer> sizes = file.sampleSizes();
        assertEquals(25, sizes.size());
        BufferedImage firstFrame = TestMedia.image(file.sample(0));
        assertEquals(160, firstFrame.getWidth());
        assertEquals(96, firstFrame.getHeight());
        assertEquals(
                List.of(new FakeOrchestratorServices.Debit(
                        Capability.IMAGE_TO_VIDEO,
                        "stabilityai/stable-video-diffusion-img2vid-xt-1-1",
                        160L * 96 * 25)),
                server.services.debits);
    }

    @Test
    void sameRequestSameVideo() throws Exception {
        MultipartBody request = new MultipartBody()
                .field("model_id", "m")
                .field("width", "32")
                .field("height", "32")
                .file("image", "in.png", "image/png", image);

        byte[] first = server.fetch(url(server.postMultipart("/image-to-video", request)), "video/mp4");
        byte[] again = server.fetch(url(server.postMultipart("/image-to-video", request)), "video/mp4");

        assertArrayEquals(first, again);
    }

    @Test
    void missingImageFailsInTheRunnerAndDefaultSizeIsBilled() throws Exception {
        HttpResponse<byte[]> response =
                server.postMultipart("/image-to-video", new MultipartBody().field("model_id", "m"));

        assertEquals(500, response.statusCode());
        assertTrue(BatchApiServer.errorText(response).startsWith("image-to-video container returned 422: "));
        assertEquals(1, server.services.payments.get());
        assertTrue(server.services.debits.isEmpty());
    }

    private static String url(HttpResponse<byte[]> response) throws Exception {
        return BatchApiServer.json(response).get("images").get(0).get("url").asText();
    }

    /** Just enough ISO-BMFF reading to find the frames. */
    private record Mp4(byte[] bytes) {

        List<String> topLevelTypes() {
            List<String> types = new ArrayList<>();
            int offset = 0;
            while (offset < bytes.length) {
                types.add(type(offset));
                offset += ByteBuffer.wrap(bytes, offset, 4).getInt();
            }
            return types;
        }

        List<Integer> sampleSizes() {
            int stsz = find("stsz");
            ByteBuffer box = ByteBuffer.wrap(bytes, stsz + 12, bytes.length - stsz - 12);
            assertEquals(0, box.getInt(), "sizes listed per sample");
            int count = box.getInt();
            List<Integer> sizes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sizes.add(box.getInt());
            }
            return sizes;
        }

        byte[] sample(int index) {
            int stco = find("stco");
            ByteBuffer box = ByteBuffer.wrap(bytes, stco + 12, 8);
            assertEquals(1, box.getInt());
            int offset = box.getInt();
            List<Integer> sizes = sampleSizes();
            for (int i = 0; i < index; i++) {
                offset += sizes.get(i);
            }
            byte[] sample = new byte[sizes.get(index)];
            System.arraycopy(bytes, offset, sample, 0, sample.length);
            return sample;
        }

        /** The offset of the first box of {@code type}, searched by name. */
        private int find(String type) {
            byte[] name = type.getBytes(StandardCharsets.US_ASCII);
            for (int i = 4; i + 4 <= bytes.length; i++) {
                if (bytes[i] == name[0]
                        && bytes[i + 1] == name[1]
                        && bytes[i + 2] == name[2]
                        && bytes[i + 3] == name[3]) {
                    return i - 4;
                }
            }
            throw new AssertionError("no " + type + " box");
        }

        private String type(int offset) {
            return new String(bytes, offset + 4, 4, StandardCharsets.US_ASCII);
        }
    }
}
