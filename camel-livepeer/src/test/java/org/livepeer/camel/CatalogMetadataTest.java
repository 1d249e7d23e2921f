package org.livepeer.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What Camel tooling (catalogs, IDEs, camel-jbang) learns about the component from its jar. */
class CatalogMetadataTest {

    private static JsonNode catalog() throws Exception {
        try (InputStream json =
                CatalogMetadataTest.class.getResourceAsStream("/META-INF/org/livepeer/camel/livepeer.json")) {
            return new ObjectMapper().readTree(json);
        }
    }

    @Test
    void theCatalogSaysTheEndpointIsAsynchronous() throws Exception {
        assertTrue(catalog().path("component").path("async").asBoolean());
    }

    @Test
    void choiceOptionsAreEnumsWithTheirValuesListed() throws Exception {
        JsonNode properties = catalog().path("properties");

        assertEquals(
                "org.livepeer.camel.OutputType",
                properties.path("outputType").path("javaType").asText());
        assertEquals(
                "[\"response\",\"bytes\"]",
                properties.path("outputType").path("enum").toString());
        assertEquals(
                "org.livepeer.camel.LiveChannel",
                properties.path("channel").path("javaType").asText());
        assertEquals(
                "[\"media\",\"control\",\"events\"]",
                properties.path("channel").path("enum").toString());
        assertEquals(
                "org.livepeer.camel.SegmentBody",
                properties.path("segmentBody").path("javaType").asText());
        assertEquals(
                "[\"bytes\",\"stream\"]",
                properties.path("segmentBody").path("enum").toString());
    }

    @Test
    void descriptionsShowNoMangledExamples() throws Exception {
        // the tooling drops quotes and brackets from descriptions, which turned JSON examples into invalid JSON
        for (JsonNode option : catalog().path("properties")) {
            String description = option.path("description").asText();
            assertFalse(description.contains("{"), description);
            assertFalse(description.matches(".*\\bbyte\\b(?! array).*"), description);
        }
    }

    @Test
    void componentPropertiesNamesTheComponentAndItsCoordinates() throws Exception {
        Properties properties = new Properties();
        try (InputStream in =
                getClass().getResourceAsStream("/META-INF/services/org/apache/camel/component.properties")) {
            properties.load(in);
        }
        JsonNode component = catalog().path("component");

        assertEquals("livepeer", properties.getProperty("components"));
        assertEquals(component.path("groupId").asText(), properties.getProperty("groupId"));
        assertEquals(component.path("artifactId").asText(), properties.getProperty("artifactId"));
        assertEquals(component.path("version").asText(), properties.getProperty("version"));
    }
}
