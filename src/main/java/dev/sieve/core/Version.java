package dev.sieve.core;

/** Sieve's version, from the jar manifest ({@code dev} when run from classes). */
public final class Version {
    private Version() {}

    /** The implementation version of the jar, or {@code dev}. */
    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
