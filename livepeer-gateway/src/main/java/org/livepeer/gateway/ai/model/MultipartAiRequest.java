package org.livepeer.gateway.ai.model;

/** A request sent as {@code multipart/form-data}: one media file plus form fields. */
public interface MultipartAiRequest<R> extends AiRequest<R> {

    /** The form field the media goes in ({@code image} or {@code audio}). */
    String mediaField();

    /** The uploaded image or audio; null until set (then the request cannot be sent). */
    MediaInput media();

    /** Sets the uploaded image or audio (the {@link #mediaField()} part). */
    void attach(MediaInput media);
}
