package dev.sieve.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a hot kernel that stays longer than the 100-line method limit on purpose (the architecture test lists every
 * such method with its reason). Splitting it would cost speed: C2 does not inline a callee above 325 bytes of
 * bytecode ("hot method too big"), and a Vector API value passed to a method that is not inlined is boxed.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface HotKernel {
    /** Why this method must stay in one piece (the measurement or the JIT behaviour behind it). */
    String value();
}
