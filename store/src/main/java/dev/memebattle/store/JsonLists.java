package dev.memebattle.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Collection;
import java.util.List;

/** Lists of strings kept in one TEXT column as a JSON array (portable across both databases). */
final class JsonLists {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private JsonLists() {
    }

    static String write(Collection<String> values) {
        try {
            return JSON.writeValueAsString(List.copyOf(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a list of strings as JSON", e);
        }
    }

    static List<String> read(String json) {
        try {
            List<String> values = JSON.readValue(json, STRINGS);
            return values == null ? List.of() : values;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored list is not a JSON array of strings", e);
        }
    }
}
