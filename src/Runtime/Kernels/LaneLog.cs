using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// log x in sixteen <c>float</c> or eight <c>double</c> lanes, inlined where it is called (with AVX-512): what the vector
    /// softplus (<see cref="SymMath.Softplus(Vector512{float})"/>, <see cref="SymMath.Softplus(Vector512{double})"/>) and
    /// generated lanes' logs (<see cref="Lanes.Log(Vector512{double})"/>) use. <c>Vector512.Log</c> is a call that
    /// passes its argument and result through the stack and clobbers every vector register (and its <c>float</c> form
    /// computes in <c>double</c>): in a row-lane body that holds a group's values in registers, every live vector is
    /// spilled around it.
    /// </summary>
    /// <remarks>
    /// The method (fdlibm's <c>logf</c> and <c>log</c> on whole vectors): x = 2^k m with m in [sqrt(2)/2, sqrt(2))
    /// (<c>VGETEXPPS</c>/<c>VGETEXPPD</c> and <c>VGETMANTPS</c>/<c>VGETMANTPD</c>, which read subnormals as they are,
    /// then m halved and k raised where m is above sqrt(2)), f = m - 1, s = f / (2 + f), and
    /// log m = f - f^2/2 + s (f^2/2 + R(s^2)) with fdlibm's seven coefficients (its minimax polynomial, error below
    /// 2^-58.45 in <c>double</c>); k ln 2 in two parts. Zero gives -infinity, a negative number or NaN gives NaN, infinity
    /// gives infinity. With AVX-512 the <c>float</c> log is within two units in the last place of the correctly rounded
    /// value and the <c>double</c> log within one unit of <c>Math.Log</c> (tests compare over the whole range). Without
    /// AVX-512 the <c>float</c> log is <c>Vector512.Log</c>; the <c>double</c> log, where <c>Vector512.Log</c> was 3 units
    /// from <c>Math.Log</c> near sqrt(2) on an AVX2 machine, is with AVX2 and FMA the same method in 256-bit halves
    /// (<see cref="LogWithoutAvx512(in Vector512{double})"/>: k and m from the bits, a subnormal scaled to a normal first, so the
    /// bits are the same as with AVX-512), a call that took about 1.3x <c>Vector512.Log</c>'s time there.
    /// </remarks>
    [SkipLocalsInit]
    internal static class LaneLog
    {
        // ln 2 in two parts (fdlibm's): the high part has 32 significant bits (21 trailing zeros), so k times it is exact for |k| < 2^21.
        private const double Ln2High = 6.93147180369123816490e-01;
        private const double Ln2Low = 1.90821492927058770002e-10;

        // fdlibm's Lg1 to Lg7: R(z) = Lg1 z + Lg2 z^2 + ... + Lg7 z^7 with z = s^2.
        private const double Lg1 = 6.666666666666735130e-01;
        private const double Lg2 = 3.999999999940941908e-01;
        private const double Lg3 = 2.857142874366239149e-01;
        private const double Lg4 = 2.222219843214978396e-01;
        private const double Lg5 = 1.818357216161805012e-01;
        private const double Lg6 = 1.531383769920937332e-01;
        private const double Lg7 = 1.479819860511658591e-01;

        /// <summary>log x of each lane.</summary>
        /// <param name="x">The arguments.</param>
        /// <returns>Each lane's natural logarithm.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Log(Vector512<double> x)
        {
            if (Avx512F.IsSupported)
            {
                // The mantissa is in [1, 2) with x's sign (a negative x becomes NaN at the edges).
                return LogOf(x, Avx512F.GetExponent(x), Avx512F.GetMantissa(x, 0));
            }

            return Avx2.IsSupported && Fma.IsSupported ? LogWithoutAvx512(x) : Vector512.Log(x);
        }

        /// <summary>
        /// <see cref="Log(Vector512{double})"/> without AVX-512 (AVX2 and FMA): k and m from the bits, then the same steps. A call, not
        /// inlined: in 256-bit halves the steps are enough code that a large caller (a generated row-lane body) ran out
        /// of the JIT's inlining budget and called every vector operator of its own. The argument comes by reference
        /// (see <see cref="LaneExp.ExpWithoutAvx512(in Vector512{double})"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static Vector512<double> LogWithoutAvx512(in Vector512<double> x) => Vector512.Create(LogHalf(x.GetLower()), LogHalf(x.GetUpper()));

        /// <summary>log x from k and m (x = 2^k m, m in [1, 2)), with the edges.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<double> LogOf(Vector512<double> x, Vector512<double> k, Vector512<double> m)
        {
            Vector512<double> one = Vector512.Create(1.0);
            Vector512<double> high = Vector512.GreaterThanOrEqual(m, Vector512.Create(1.4142135623730951));
            m = Vector512.ConditionalSelect(high, m * Vector512.Create(0.5), m);
            k = Vector512.ConditionalSelect(high, k + one, k);
            Vector512<double> f = m - one;
            Vector512<double> s = f / (Vector512.Create(2.0) + f);
            Vector512<double> z = s * s;
            Vector512<double> w = z * z;
            Vector512<double> odd = w * Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.Create(Lg6), Vector512.Create(Lg4)), Vector512.Create(Lg2));
            Vector512<double> even = z * Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.Create(Lg7), Vector512.Create(Lg5)), Vector512.Create(Lg3)), Vector512.Create(Lg1));
            Vector512<double> halfSquare = Vector512.Create(0.5) * (f * f);

            // k ln2_hi - ((hfsq - (s (hfsq + R) + k ln2_lo)) - f), fdlibm's order.
            Vector512<double> inner = Vector512.FusedMultiplyAdd(s, halfSquare + (even + odd), k * Vector512.Create(Ln2Low));
            Vector512<double> log = (k * Vector512.Create(Ln2High)) - ((halfSquare - inner) - f);

            return WithEdges(x, log);
        }

        /// <summary>log x of each lane.</summary>
        /// <param name="x">The arguments.</param>
        /// <returns>Each lane's natural logarithm.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Log(Vector512<float> x)
        {
            if (Avx512F.IsSupported)
            {
                // The mantissa is in [1, 2) with x's sign (a negative x becomes NaN at the edges).
                return LogOf(x, Avx512F.GetExponent(x), Avx512F.GetMantissa(x, 0));
            }

            return Vector512.Log(x);
        }

        /// <summary>log x from k and m (x = 2^k m, m in [1, 2)), with the edges.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> LogOf(Vector512<float> x, Vector512<float> k, Vector512<float> m)
        {
            Vector512<float> one = Vector512.Create(1.0f);
            Vector512<float> high = Vector512.GreaterThan(m, Vector512.Create(1.41421356f));
            m = Vector512.ConditionalSelect(high, m * Vector512.Create(0.5f), m);
            k = Vector512.ConditionalSelect(high, k + one, k);
            Vector512<float> f = m - one;
            Vector512<float> s = f / (Vector512.Create(2.0f) + f);
            Vector512<float> z = s * s;
            Vector512<float> w = z * z;
            Vector512<float> t1 = w * Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.Create(1.5313838422e-01f), Vector512.Create(2.2222198546e-01f)), Vector512.Create(4.0000000596e-01f));
            Vector512<float> t2 = z * Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.Create(1.4798198640e-01f), Vector512.Create(1.8183572590e-01f)), Vector512.Create(2.8571429849e-01f)), Vector512.Create(6.6666668653e-01f));
            Vector512<float> r = t1 + t2;
            Vector512<float> halfSquare = Vector512.Create(0.5f) * f * f;
            // k ln 2 in two parts: the high part has 17 significant bits, so k times it is exact for |k| < 2^7 (a subnormal x rounds once more).
            Vector512<float> log = (k * Vector512.Create(6.9313812256e-01f)) - ((halfSquare - Vector512.FusedMultiplyAdd(s, halfSquare + r, k * Vector512.Create(9.0580006145e-06f))) - f);

            return WithEdges(x, log);
        }

        /// <summary>
        /// What <c>VGETEXPPD</c> and <c>VGETMANTPD</c> give for a positive finite x, from the bits: k = floor(log2 x) and
        /// m = x / 2^k in [1, 2); a subnormal is first multiplied by 2^54 (exact) and k lowered by 54. For zero, a negative
        /// number, infinity and NaN the values are unused (<see cref="WithEdges"/> replaces them).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static (Vector256<double> Exponent, Vector256<double> Mantissa) ExponentAndMantissa(Vector256<double> x)
        {
            Vector256<double> tiny = Vector256.LessThan(x, Vector256.Create(2.2250738585072014E-308));
            x = Vector256.ConditionalSelect(tiny, x * Vector256.Create(18014398509481984.0), x);  // 2^54
            Vector256<long> bits = x.AsInt64();
            Vector256<double> mantissa = ((bits & Vector256.Create(0x000FFFFFFFFFFFFFL)) | Vector256.Create(0x3FF0000000000000L)).AsDouble();

            // The exponent field e (0 to 2047) as a double: 2^52 + e from its bits, less 2^52.
            Vector256<double> field = ((Vector256.ShiftRightLogical(bits, 52) & Vector256.Create(0x7FFL)) | Vector256.Create(0x4330000000000000L)).AsDouble() - Vector256.Create(4503599627370496.0);
            Vector256<double> exponent = field - Vector256.ConditionalSelect(tiny, Vector256.Create(1023.0 + 54.0), Vector256.Create(1023.0));
            return (exponent, mantissa);
        }

        /// <summary>Four lanes of <see cref="LogWithoutAvx512(in Vector512{double})"/>: <see cref="LogOf(Vector512{double}, Vector512{double}, Vector512{double})"/>'s steps in 256-bit operations.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> LogHalf(Vector256<double> x)
        {
            (Vector256<double> k, Vector256<double> m) = ExponentAndMantissa(x);
            Vector256<double> one = Vector256.Create(1.0);
            Vector256<double> high = Vector256.GreaterThanOrEqual(m, Vector256.Create(1.4142135623730951));
            m = Vector256.ConditionalSelect(high, m * Vector256.Create(0.5), m);
            k = Vector256.ConditionalSelect(high, k + one, k);
            Vector256<double> f = m - one;
            Vector256<double> s = f / (Vector256.Create(2.0) + f);
            Vector256<double> z = s * s;
            Vector256<double> w = z * z;
            Vector256<double> odd = w * Fma.MultiplyAdd(w, Fma.MultiplyAdd(w, Vector256.Create(Lg6), Vector256.Create(Lg4)), Vector256.Create(Lg2));
            Vector256<double> even = z * Fma.MultiplyAdd(w, Fma.MultiplyAdd(w, Fma.MultiplyAdd(w, Vector256.Create(Lg7), Vector256.Create(Lg5)), Vector256.Create(Lg3)), Vector256.Create(Lg1));
            Vector256<double> halfSquare = Vector256.Create(0.5) * (f * f);
            Vector256<double> inner = Fma.MultiplyAdd(s, halfSquare + (even + odd), k * Vector256.Create(Ln2Low));
            Vector256<double> log = (k * Vector256.Create(Ln2High)) - ((halfSquare - inner) - f);
            log = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<double>.Zero), Vector256.Create(double.NegativeInfinity), log);
            log = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero) | ~Vector256.Equals(x, x), Vector256.Create(double.NaN), log);
            return Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(double.PositiveInfinity)), x, log);
        }

        /// <summary>The edges over <paramref name="log"/>: log 0 = -infinity, log of a negative number or NaN = NaN, log infinity = infinity.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> WithEdges<T>(Vector512<T> x, Vector512<T> log)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            log = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<T>.Zero), Vector512.Create(T.NegativeInfinity), log);
            log = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<T>.Zero) | ~Vector512.Equals(x, x), Vector512.Create(T.NaN), log);
            return Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(T.PositiveInfinity)), x, log);
        }
    }
}