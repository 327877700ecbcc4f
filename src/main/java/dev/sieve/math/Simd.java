package dev.sieve.math;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The one decision "JDK Vector API or scalar code", made once per JVM: SIMD kernels are used when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} and the system property {@value #PROPERTY} is not {@code false}. Every
 * kernel with a SIMD implementation picks it through {@link #choose}; the SIMD and scalar implementations give
 * bit-identical results, so the decision only changes the speed.
 *
 * <p>This class does not touch the incubator module itself: SIMD implementations are separate classes, loaded by
 * name only when SIMD is enabled, so the scalar path loads without the module.
 */
public final class Simd {
    private Simd() {}

    /** System property that turns SIMD off with {@code -Dsieve.vector=false}. */
    public static final String PROPERTY = "sieve.vector";

    private static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))
        && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** True if SIMD implementations are to be used (the module is present and not turned off). */
    public static boolean enabled() {
        return ENABLED;
    }

    /**
     * The SIMD implementation {@code className} (a subclass of {@code type} with a no-argument constructor, which
     * may be package-private: it is looked up with the caller's {@code lookup}), or {@code scalar} when SIMD is off
     * or the implementation cannot be made on this machine (its constructor or class initialiser may refuse, e.g. for
     * an unusable vector length).
     */
    public static <T> T choose(MethodHandles.Lookup lookup, String className, Class<T> type, T scalar) {
        if (!ENABLED) {
            return scalar;
        }
        try {
            Class<?> c = lookup.findClass(className);
            MethodHandle constructor = lookup.findConstructor(c, MethodType.methodType(void.class));
            return type.cast(constructor.invoke());
        } catch (LinkageError | RuntimeException | ReflectiveOperationException e) {
            return scalar;
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return scalar;
        }
    }
}
