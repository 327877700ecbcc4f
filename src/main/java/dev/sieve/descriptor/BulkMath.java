package dev.sieve.descriptor;

/**
 * Bulk math over arrays for the hot loops. The vectorised implementation (JDK Vector API,
 * {@code jdk.incubator.vector}, SIMD exp) is used when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}; otherwise, or with {@code -Dsieve.vector=false},
 * a plain scalar implementation is used. Both give results within an ulp or two of
 * {@link Math#exp}.
 */
public abstract class BulkMath {

    /** out[i] = exp(in[i]) for i in [0, n). {@code in} and {@code out} may be the same array. */
    public abstract void exp(double[] in, double[] out, int n);

    public abstract String name();

    private static final BulkMath INSTANCE = select();

    public static BulkMath get() {
        return INSTANCE;
    }

    /** The scalar implementation (always available). */
    public static BulkMath scalar() {
        return Scalar.INSTANCE;
    }

    private static BulkMath select() {
        if ("false".equalsIgnoreCase(System.getProperty("sieve.vector", "true"))) {
            return Scalar.INSTANCE;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Scalar.INSTANCE;
        }
        try {
            Class<?> c = Class.forName("dev.sieve.descriptor.VectorBulkMath");
            return (BulkMath) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return Scalar.INSTANCE;
        }
    }

    static final class Scalar extends BulkMath {
        static final Scalar INSTANCE = new Scalar();

        @Override
        public void exp(double[] in, double[] out, int n) {
            for (int i = 0; i < n; i++) {
                out[i] = Math.exp(in[i]);
            }
        }

        @Override
        public String name() {
            return "scalar";
        }
    }
}
