package dev.sieve.train.optim;

import dev.sieve.core.AtomicFile;
import dev.sieve.core.InputException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The optimizer's arrays of a checkpoint in binary (a Kalman filter's covariance is n(n+1)/2 doubles: 48 MB for
 * 3457 weights, which as JSON text would be 2.5x larger and slow to write). Layout, big-endian: magic
 * {@code SIEVEOP!}, format, array count; per array its name (UTF), row count, and per row its length and the raw
 * IEEE-754 bits (bit-exact); then the CRC32 of everything before it. Written atomically; {@code state.json} names
 * the file and its CRC, so a state and an array file from different checkpoints are never combined.
 */
public final class OptimizerStateFile {
    private OptimizerStateFile() {}

    private static final long MAGIC = 0x534945564F505421L; // "SIEVEOP!"
    private static final int FORMAT = 1;

    /** Writes {@code arrays} to {@code file} atomically and returns the CRC32 of its content. */
    public static long write(Path file, Map<String, double[][]> arrays) {
        long[] crc = new long[1];
        AtomicFile.writeStream(file, raw -> {
            CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(checked, 1 << 16));
            out.writeLong(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(arrays.size());
            for (Map.Entry<String, double[][]> e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (double[] row : e.getValue()) {
                    out.writeInt(row.length);
                    for (double v : row) {
                        out.writeLong(Double.doubleToRawLongBits(v));
                    }
                }
            }
            out.flush();
            crc[0] = checked.getChecksum().getValue();
            out.writeLong(crc[0]);
            out.flush();
        });
        return crc[0];
    }

    /** Reads the arrays of {@code file}, which must have the CRC {@code expectedCrc} recorded in the state. */
    public static Map<String, double[][]> read(Path file, long expectedCrc) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": checkpoint optimizer state is missing; start a new run");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
            DataInputStream in = new DataInputStream(checked);
            if (in.readLong() != MAGIC) {
                throw new InputException(file + ": not a Sieve optimizer-state file");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new InputException(file + ": unknown optimizer-state format " + format);
            }
            long size = Files.size(file);
            int n = in.readInt();
            if (n < 0 || n > size) {
                throw new InputException(file + ": corrupt optimizer state (array count " + n + ")");
            }
            Map<String, double[][]> arrays = new LinkedHashMap<>();
            for (int a = 0; a < n; a++) {
                String name = in.readUTF();
                int count = in.readInt();
                if (count < 0 || count > size / 4) {
                    throw new InputException(file + ": corrupt optimizer state (row count " + count + " of array '"
                        + name + "')");
                }
                double[][] rows = new double[count][];
                for (int r = 0; r < rows.length; r++) {
                    int len = in.readInt();
                    if (len < 0 || len > size / 8) {
                        throw new InputException(file + ": corrupt optimizer state (row length " + len + ")");
                    }
                    rows[r] = new double[len];
                    for (int k = 0; k < len; k++) {
                        rows[r][k] = Double.longBitsToDouble(in.readLong());
                    }
                }
                arrays.put(name, rows);
            }
            long crc = checked.getChecksum().getValue();
            long stored = in.readLong();
            if (crc != stored || crc != expectedCrc) {
                throw new InputException(file + ": optimizer state is corrupt or from another checkpoint (CRC "
                    + Long.toHexString(crc) + ", expected " + Long.toHexString(expectedCrc) + "); start a new run");
            }
            return arrays;
        } catch (EOFException e) {
            throw new InputException(file + ": optimizer state is truncated; start a new run");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read optimizer state: " + e.getMessage());
        }
    }
}
