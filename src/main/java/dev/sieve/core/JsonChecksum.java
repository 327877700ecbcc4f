package dev.sieve.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A checksum field for JSON state files (checkpoints): the SHA-256 of the object's compact JSON without the field,
 * so that a state edited or damaged in any field — also to a value of the right type and range — is refused on
 * resume instead of continuing silently.
 */
public final class JsonChecksum {
    private JsonChecksum() {}

    public static final String KEY = "checksum";

    /** The object of {@code value} with its checksum as the last field. */
    public static ObjectNode seal(Object value) {
        ObjectNode n = Json.JSON.valueToTree(value);
        n.remove(KEY);
        n.put(KEY, of(n));
        return n;
    }

    /** Refuses {@code root} (one line naming {@code what}) unless its checksum matches its other fields. */
    public static void verify(JsonNode root, String what) {
        JsonNode c = root.get(KEY);
        if (c == null || !c.isTextual()) {
            throw new InputException(what + ": has no checksum (damaged, or written by another version); start a new "
                + "run");
        }
        ObjectNode copy = ((ObjectNode) root).deepCopy();
        copy.remove(KEY);
        if (!of(copy).equals(c.asText())) {
            throw new InputException(what + ": does not match its checksum (edited or damaged); start a new run");
        }
    }

    private static String of(ObjectNode n) {
        try {
            byte[] b = Json.JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
