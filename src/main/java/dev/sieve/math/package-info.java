/**
 * Deterministic numerical kernels shared by the descriptor, network and MD code, and the one SIMD decision.
 *
 * <ul>
 *   <li>{@link dev.sieve.math.DetMath}: the exp core (Cody–Waite reduction, degree-13 Taylor polynomial, 2^k from the
 *       exponent bits) and the functions built on it, {@code exp} and {@code tanh}, bit-reproducible on any JIT state
 *       and machine.</li>
 *   <li>{@link dev.sieve.math.VectorMath}: the same on JDK Vector API lanes, bit-identical to {@code DetMath}; only
 *       SIMD implementations refer to it.</li>
 *   <li>{@link dev.sieve.math.BulkExp}: exp over arrays (SIMD or scalar).</li>
 *   <li>{@link dev.sieve.math.Simd}: whether SIMD implementations are used ({@code --add-modules
 *       jdk.incubator.vector} and not {@code -Dsieve.vector=false}), decided once; kernels pick their implementation
 *       through {@link dev.sieve.math.Simd#choose}.</li>
 * </ul>
 *
 * <p>Layering: this package depends on {@code dev.sieve.core} at most (checked by {@code ArchitectureTest}).
 */
package dev.sieve.math;
