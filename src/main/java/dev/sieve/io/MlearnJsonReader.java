package dev.sieve.io;

import dev.sieve.core.Json;
import dev.sieve.core.Messages;
import dev.sieve.core.InputException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sieve.structure.Cell;
import dev.sieve.structure.Structure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads mlearn (pymatgen) JSON: a list of records with {@code structure.lattice.matrix},
 * {@code structure.sites[].species[0].element} and {@code .xyz} (Å), {@code outputs.energy} and
 * {@code outputs.forces}. {@code group} becomes tag {@code config_type}, {@code description} is kept
 * as tag {@code description}. Records are parsed one at a time (streaming).
 */
final class MlearnJsonReader extends AbstractReader {
    private final String file;
    private final String source;
    private final JsonParser parser;
    private boolean started;

    MlearnJsonReader(Path path, String source) {
        this.file = path.toString();
        this.source = source;
        InputStream is = LineInput.openStream(path);
        try {
            this.parser = Json.JSON.createParser(is);
        } catch (IOException e) {
            throw new InputException(file, -1, "cannot read: " + e.getMessage());
        }
    }

    @Override
    protected Structure readNext() {
        try {
            if (!started) {
                started = true;
                JsonToken t = parser.nextToken();
                if (t == null) {
                    throw new InputException(file, 1, "file is empty: expected a JSON list of records");
                }
                if (t != JsonToken.START_ARRAY) {
                    throw new InputException(file, line(), "expected a JSON list '[' of records, got " + t);
                }
            }
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
                return null;
            }
            if (t == null) {
                throw new InputException(file, line(), "file ends early: expected ']' closing the list of records");
            }
            long line = line();
            if (t != JsonToken.START_OBJECT) {
                throw new InputException(file, line, "expected a record object '{', got " + t);
            }
            JsonNode rec = parser.readValueAsTree();
            return toStructure(rec, line);
        } catch (IOException e) {
            throw Messages.readError(file, e);
        }
    }

    private long line() {
        return parser.currentTokenLocation().getLineNr();
    }

    private Structure toStructure(JsonNode rec, long line) {
        String what = "record " + index;
        JsonNode st = need(rec, "structure", what, line);
        JsonNode matrix = need(need(st, "lattice", what, line), "matrix", what, line);
        double[] h = new double[9];
        if (!matrix.isArray() || matrix.size() != 3) {
            throw new InputException(file, line, what + ": expected lattice.matrix as 3 rows of 3 numbers");
        }
        for (int v = 0; v < 3; v++) {
            double[] row = numbers(matrix.get(v), 3, what + " lattice.matrix row " + (v + 1), line);
            System.arraycopy(row, 0, h, 3 * v, 3);
        }
        Cell cell;
        try {
            cell = Cell.of(h);
        } catch (IllegalArgumentException e) {
            throw new InputException(file, line, what + ": invalid lattice: " + e.getMessage());
        }
        JsonNode sites = need(st, "sites", what, line);
        int n = sites.size();
        if (!sites.isArray() || n == 0) {
            throw new InputException(file, line, what + ": expected a non-empty list of sites");
        }
        JsonNode na = rec.get("num_atoms");
        if (na != null && !na.isNull() && !(na.canConvertToInt() && na.isIntegralNumber() && na.asInt() == n)) {
            throw new InputException(file, line, what + ": num_atoms is " + Messages.escape(na.toString()) + " but the "
                + "structure has " + n + " sites");
        }
        String[] el = new String[n];
        double[] pos = new double[3 * n];
        for (int i = 0; i < n; i++) {
            JsonNode site = sites.get(i);
            JsonNode sp = need(site, "species", what + " site " + i, line);
            JsonNode e = sp.isArray() && sp.size() > 0 ? sp.get(0).get("element") : null;
            if (e == null || !e.isTextual()) {
                throw new InputException(file, line, what + " site " + i + ": expected species[0].element");
            }
            el[i] = e.asText();
            double[] x = numbers(need(site, "xyz", what + " site " + i, line), 3, what + " site " + i + " xyz", line);
            for (double c : x) {
                if (Math.abs(c) > LineInput.MAX_COORDINATE) {
                    throw new InputException(file, line, what + " site " + i + ": coordinate " + c + " Å is not a "
                        + "physical value (|value| > " + LineInput.MAX_COORDINATE + " Å)");
                }
            }
            System.arraycopy(x, 0, pos, 3 * i, 3);
        }
        Double energy = null;
        double[] frc = null;
        JsonNode out = rec.get("outputs");
        if (out != null && !out.isNull()) {
            JsonNode en = out.get("energy");
            if (en != null && !en.isNull()) {
                energy = number(en, what + " outputs.energy", line);
            }
            JsonNode f = out.get("forces");
            if (f != null && !f.isNull()) {
                if (!f.isArray() || f.size() != n) {
                    throw new InputException(file, line, what + ": expected " + n + " force vectors (one per site), got "
                        + f.size());
                }
                frc = new double[3 * n];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(numbers(f.get(i), 3, what + " force " + i, line), 0, frc, 3 * i, 3);
                }
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode g = rec.get("group");
        if (g != null && g.isTextual()) {
            tags.put("config_type", g.asText());
        }
        JsonNode d = rec.get("description");
        if (d != null && d.isTextual()) {
            tags.put("description", d.asText());
        }
        return new Structure("", cell, null, el, pos, energy, frc, null, null, tags, source, index++);
    }

    private JsonNode need(JsonNode node, String key, String what, long line) {
        JsonNode v = node == null ? null : node.get(key);
        if (v == null || v.isNull()) {
            throw new InputException(file, line, what + ": expected key " + Messages.quote(key));
        }
        return v;
    }

    private double number(JsonNode v, String what, long line) {
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new InputException(file, line, what + ": expected a finite number, got " + Messages.escape(String.valueOf(v)));
        }
        return v.asDouble();
    }

    private double[] numbers(JsonNode v, int count, String what, long line) {
        if (v == null || !v.isArray() || v.size() != count) {
            throw new InputException(file, line, what + ": expected " + count + " numbers, got " + Messages.escape(String.valueOf(v)));
        }
        double[] r = new double[count];
        for (int k = 0; k < count; k++) {
            r[k] = number(v.get(k), what, line);
        }
        return r;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new InputException(file, -1, "cannot close: " + e.getMessage());
        }
    }
}
