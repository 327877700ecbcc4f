package dev.sieve.core;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host a measurement ran on: CPU model, its SIMD flags, the JDK Vector API's preferred double species (or that
 * the scalar path runs), HotSpot's vector options and the thread count. Speed figures are only comparable on one
 * host; every {@code bench} output and every {@code run.json} records this.
 */
public final class HostInfo {
    private HostInfo() {}

    private static final List<String> FLAGS = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq",
        "avx512bw", "avx512vl");

    private static volatile Map<String, Object> cached;

    /** The facts, by name (cpu, simd_flags, vector_species, jvm_vector_options, cores). */
    public static Map<String, Object> describe() {
        Map<String, Object> c = cached;
        if (c == null) {
            c = new LinkedHashMap<>();
            String[] cpu = cpuinfo();
            c.put("cpu", cpu[0]);
            c.put("simd_flags", cpu[1]);
            c.put("vector_species", vectorSpecies());
            c.put("jvm_vector_options", "UseAVX=" + vmOption("UseAVX") + " MaxVectorSize=" + vmOption("MaxVectorSize"));
            c.put("cores", Runtime.getRuntime().availableProcessors());
            cached = c;
        }
        return c;
    }

    /** One line for a benchmark's header. */
    public static String line() {
        Map<String, Object> d = describe();
        return "host: " + d.get("cpu") + "; flags " + d.get("simd_flags") + "; vector API " + d.get("vector_species")
            + "; " + d.get("jvm_vector_options") + "; " + d.get("cores") + " cores";
    }

    private static String[] cpuinfo() {
        String model = System.getProperty("os.arch");
        String flags = "unknown";
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = l.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = l.substring(0, colon).strip();
                String value = l.substring(colon + 1).strip();
                if (key.equals("model name") && model.equals(System.getProperty("os.arch"))) {
                    model = value;
                } else if (key.equals("flags") && flags.equals("unknown")) {
                    List<String> have = new ArrayList<>();
                    List<String> all = List.of(value.split("\\s+"));
                    for (String f : FLAGS) {
                        if (all.contains(f)) {
                            have.add(f);
                        }
                    }
                    flags = String.join(" ", have);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep the defaults
        }
        return new String[] {model, flags};
    }

    private static String vectorSpecies() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "not loaded (scalar kernels)";
        }
        if ("false".equalsIgnoreCase(System.getProperty("sieve.vector", "true"))) {
            return "off (-Dsieve.vector=false; scalar kernels)";
        }
        try {
            Object s = Class.forName("jdk.incubator.vector.DoubleVector").getField("SPECIES_PREFERRED").get(null);
            return String.valueOf(s);
        } catch (ReflectiveOperationException | LinkageError e) {
            return "unavailable (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String vmOption(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .getVMOption(name).getValue();
        } catch (RuntimeException | LinkageError e) {
            return "?";
        }
    }
}
