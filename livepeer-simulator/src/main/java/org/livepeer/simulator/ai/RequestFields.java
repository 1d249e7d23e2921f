package org.livepeer.simulator.ai;

/**
 * The parameters of one batch request, from a JSON object or a multipart form. Absent fields are
 * null; malformed ones fail with the 400 go-livepeer answers when it cannot bind them.
 */
interface RequestFields {

    String string(String name) throws AiHttpError;

    Integer integer(String name) throws AiHttpError;

    Double number(String name) throws AiHttpError;

    Boolean bool(String name) throws AiHttpError;

    /** An uploaded file (multipart only); null when absent. */
    default UploadedFile file(String name) {
        return null;
    }

    /** A field go-livepeer dereferences without checking: absent means a dropped connection. */
    default String mandatory(String name) throws AiHttpError, DroppedConnection {
        String value = string(name);
        if (value == null) {
            throw new DroppedConnection(name);
        }
        return value;
    }

    default int integer(String name, int defaultValue) throws AiHttpError {
        Integer value = integer(name);
        return value == null ? defaultValue : value;
    }

    default double number(String name, double defaultValue) throws AiHttpError {
        Double value = number(name);
        return value == null ? defaultValue : value;
    }

    default boolean bool(String name, boolean defaultValue) throws AiHttpError {
        Boolean value = bool(name);
        return value == null ? defaultValue : value;
    }

    default String string(String name, String defaultValue) throws AiHttpError {
        String value = string(name);
        return value == null ? defaultValue : value;
    }

    record UploadedFile(String filename, String contentType, byte[] bytes) {}
}
