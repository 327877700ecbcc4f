package dev.sieve.math;

import static dev.sieve.math.DetMath.C;
import static dev.sieve.math.DetMath.COS_T;
import static dev.sieve.math.DetMath.SIN_T;
import static dev.sieve.math.DetMath.EXP_HI;
import static dev.sieve.math.DetMath.EXP_LO;
import static dev.sieve.math.DetMath.LN2_HI;
import static dev.sieve.math.DetMath.LN2_LO;
import static dev.sieve.math.DetMath.LOG2E;
import static dev.sieve.math.DetMath.MAGIC;
import static dev.sieve.math.DetMath.SIGN_BIT;
import static dev.sieve.math.DetMath.TANH_CLAMP;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link DetMath}'s functions on the lanes of a {@link DoubleVector}, each lane bit-identical to the scalar method
 * (the same IEEE operations in the same order). Uses the incubator module: only SIMD implementations chosen through
 * {@link Simd} may refer to this class.
 */
public final class VectorMath {
    private VectorMath() {}

    /** r = u - k ln 2 for k = t - MAGIC. */
    private static DoubleVector reduce(DoubleVector u, DoubleVector t) {
        DoubleVector kn = t.sub(MAGIC).neg();
        DoubleVector r = kn.lanewise(VectorOperators.FMA, LN2_HI, u);
        return kn.lanewise(VectorOperators.FMA, LN2_LO, r);
    }

    /** (exp(r) - 1) / r by Horner's rule, as {@code DetMath.expm1OverR}. */
    private static DoubleVector expm1OverR(DoubleVector r) {
        DoubleVector q = r.broadcast(C[13]);
        q = q.lanewise(VectorOperators.FMA, r, C[12]);
        q = q.lanewise(VectorOperators.FMA, r, C[11]);
        q = q.lanewise(VectorOperators.FMA, r, C[10]);
        q = q.lanewise(VectorOperators.FMA, r, C[9]);
        q = q.lanewise(VectorOperators.FMA, r, C[8]);
        q = q.lanewise(VectorOperators.FMA, r, C[7]);
        q = q.lanewise(VectorOperators.FMA, r, C[6]);
        q = q.lanewise(VectorOperators.FMA, r, C[5]);
        q = q.lanewise(VectorOperators.FMA, r, C[4]);
        q = q.lanewise(VectorOperators.FMA, r, C[3]);
        q = q.lanewise(VectorOperators.FMA, r, C[2]);
        return q.lanewise(VectorOperators.FMA, r, C[1]);
    }

    /** 2^k from t = k + MAGIC. */
    private static DoubleVector scale(DoubleVector t) {
        return t.reinterpretAsLongs().add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    }

    /** {@link DetMath#cosFromSquare} lane-wise. */
    public static DoubleVector cosFromSquare(DoubleVector z2) {
        DoubleVector q = z2.broadcast(COS_T[11]);
        for (int k = 10; k >= 0; k--) {
            q = q.lanewise(VectorOperators.FMA, z2, COS_T[k]);
        }
        return q;
    }

    /** {@link DetMath#sinOverZFromSquare} lane-wise. */
    public static DoubleVector sinOverZFromSquare(DoubleVector z2) {
        DoubleVector q = z2.broadcast(SIN_T[10]);
        for (int k = 9; k >= 0; k--) {
            q = q.lanewise(VectorOperators.FMA, z2, SIN_T[k]);
        }
        return q;
    }

    /** {@link DetMath#exp} lane-wise. */
    public static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(EXP_LO).min(EXP_HI);
        DoubleVector t = xc.lanewise(VectorOperators.FMA, LOG2E, MAGIC);
        DoubleVector r = reduce(xc, t);
        DoubleVector p = expm1OverR(r).lanewise(VectorOperators.FMA, r, C[0]);
        return p.mul(scale(t));
    }

    /** {@link DetMath#tanh} lane-wise. */
    public static DoubleVector tanh(DoubleVector x) {
        DoubleVector a = x.abs();
        a = a.blend(TANH_CLAMP, a.compare(VectorOperators.GT, TANH_CLAMP));
        DoubleVector u = a.add(a);
        DoubleVector t = u.lanewise(VectorOperators.FMA, LOG2E, MAGIC);
        DoubleVector r = reduce(u, t);
        DoubleVector pm = expm1OverR(r).mul(r);
        DoubleVector s = scale(t);
        DoubleVector m = s.fma(pm, s.sub(1.0));
        DoubleVector th = m.div(m.add(2.0));
        LongVector sign = x.reinterpretAsLongs().and(SIGN_BIT);
        return th.reinterpretAsLongs().or(sign).reinterpretAsDoubles();
    }
}
