using System;

namespace SymGrad
{
    /// <summary>
    /// Numerically stable functions whose derivative rules the SymGrad generator knows.
    /// Conventions at non-differentiable points are documented in docs/supported-csharp.md.
    /// </summary>
    public static partial class SymMath
    {
        /// <summary>The logistic function 1 / (1 + e^-x), without overflow for large |x|.</summary>
        public static double Sigmoid(double x)
        {
            // 1 / (1 + e^-x) for x >= 0 and e^x / (1 + e^x) below, bit for bit (a NaN may change sign): one exp of -|x| and a selected numerator, no branch to mispredict.
            double e = Math.Exp(-Math.Abs(x));
            return (x >= 0 ? 1.0 : e) / (1.0 + e);
        }

        /// <summary>
        /// <see cref="Sigmoid(double)"/> of eight values at once, in the same form (e^-|x| and a selected numerator) with
        /// an exp inlined here (<see cref="LaneExp"/>), which may differ from <c>Math.Exp</c> in the last bit or two: what generated element-wise
        /// loops call.
        /// </summary>
        /// <param name="x">The arguments.</param>
        /// <returns>Each lane's sigmoid.</returns>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static System.Runtime.Intrinsics.Vector512<double> Sigmoid(System.Runtime.Intrinsics.Vector512<double> x) => SigmoidOf(x, LaneExp.Exp(-System.Runtime.Intrinsics.Vector512.Abs(x)));

        /// <summary>log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|) so it never overflows.</summary>
        public static double Softplus(double x) => Math.Max(x, 0.0) + Log1P(Math.Exp(-Math.Abs(x)));

        /// <summary>
        /// <see cref="Softplus(double)"/> of eight values at once, in the same form (max(x, 0) plus log1p(e^-|x|), log1p
        /// as <c>log(u) * e / (u - 1)</c> with u = 1 + e, or e where u rounds to 1) with an exp and a log
        /// inlined here (<see cref="LaneExp"/>, <see cref="LaneLog"/>), which may differ from <c>Math</c>'s in the last bit
        /// or two: what generated element-wise loops call.
        /// </summary>
        /// <param name="x">The arguments.</param>
        /// <returns>Each lane's softplus.</returns>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static System.Runtime.Intrinsics.Vector512<double> Softplus(System.Runtime.Intrinsics.Vector512<double> x) => SoftplusOf(x, LaneExp.Exp(-System.Runtime.Intrinsics.Vector512.Abs(x)));

        /// <summary>
        /// <see cref="Softplus(System.Runtime.Intrinsics.Vector512{double})"/> and, in <paramref name="sigmoid"/>,
        /// <see cref="Sigmoid(System.Runtime.Intrinsics.Vector512{double})"/> of the same lanes from one exp of -|x|: the
        /// same bits as the two calls. Generated element-wise loops call it where a loop's body takes both of one value
        /// (a loss's softplus and its derivative's sigmoid).
        /// </summary>
        /// <param name="x">The arguments.</param>
        /// <param name="sigmoid">Receives each lane's sigmoid.</param>
        /// <returns>Each lane's softplus.</returns>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static System.Runtime.Intrinsics.Vector512<double> Softplus(System.Runtime.Intrinsics.Vector512<double> x, out System.Runtime.Intrinsics.Vector512<double> sigmoid)
        {
            var e = LaneExp.Exp(-System.Runtime.Intrinsics.Vector512.Abs(x));
            sigmoid = SigmoidOf(x, e);
            return SoftplusOf(x, e);
        }

        /// <summary>The lane sigmoid of <paramref name="x"/> given e = e^-|x|: the selected numerator over 1 + e (one form for the lone and the paired call, so their bits agree).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static System.Runtime.Intrinsics.Vector512<double> SigmoidOf(System.Runtime.Intrinsics.Vector512<double> x, System.Runtime.Intrinsics.Vector512<double> e)
        {
            var one = System.Runtime.Intrinsics.Vector512.Create(1.0);
            var numerator = System.Runtime.Intrinsics.Vector512.ConditionalSelect(System.Runtime.Intrinsics.Vector512.GreaterThanOrEqual(x, System.Runtime.Intrinsics.Vector512<double>.Zero), one, e);
            return numerator / (one + e);
        }

        /// <summary>The lane softplus of <paramref name="x"/> given e = e^-|x|: max(x, 0) + log1p(e) (one form for the lone and the paired call).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static System.Runtime.Intrinsics.Vector512<double> SoftplusOf(System.Runtime.Intrinsics.Vector512<double> x, System.Runtime.Intrinsics.Vector512<double> e)
        {
            var one = System.Runtime.Intrinsics.Vector512.Create(1.0);
            var u = one + e;
            var log1P = System.Runtime.Intrinsics.Vector512.ConditionalSelect(System.Runtime.Intrinsics.Vector512.Equals(u, one), e, LaneLog.Log(u) * e / (u - one));
            return System.Runtime.Intrinsics.Vector512.Max(x, System.Runtime.Intrinsics.Vector512<double>.Zero) + log1P;
        }

        /// <summary>max(x, 0). Its derivative at 0 is taken to be 0.</summary>
        public static double Relu(double x) => x > 0.0 ? x : 0.0;

        /// <summary>log(sum_j e^z_j), shifted by max(z) so it never overflows.</summary>
        /// <exception cref="ArgumentException"><paramref name="z"/> is empty.</exception>
        public static double LogSumExp(ReadOnlySpan<double> z)
        {
            if (z.IsEmpty)
            {
                throw new ArgumentException("LogSumExp needs at least one value.", nameof(z));
            }

            double max = double.NegativeInfinity;
            foreach (double value in z)
            {
                max = Math.Max(max, value);
            }

            if (double.IsNegativeInfinity(max) || double.IsPositiveInfinity(max))
            {
                return max;
            }

            double sum = 0.0;
            foreach (double value in z)
            {
                sum += Math.Exp(value - max);
            }

            return max + Math.Log(sum);
        }

        /// <summary>log softmax(z)_index = z_index - LogSumExp(z).</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside <paramref name="z"/>.</exception>
        public static double LogSoftmax(ReadOnlySpan<double> z, int index)
        {
            if ((uint)index >= (uint)z.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, "The index must select an element of z (length " + z.Length + ").");
            }

            return z[index] - LogSumExp(z);
        }

        /// <summary>Writes softmax(z) = e^(z_j - LogSumExp(z)) into <paramref name="output"/>.</summary>
        /// <exception cref="ArgumentException">The lengths differ.</exception>
        public static void Softmax(ReadOnlySpan<double> z, Span<double> output)
        {
            if (output.Length != z.Length)
            {
                throw new ArgumentException("The output must have the length of z (" + z.Length + "), not " + output.Length + ".", nameof(output));
            }

            double logSumExp = LogSumExp(z);
            for (int j = 0; j < z.Length; j++)
            {
                output[j] = Math.Exp(z[j] - logSumExp);
            }
        }

        /// <summary>The dot product sum_j a_j b_j.</summary>
        /// <exception cref="ArgumentException">The lengths differ.</exception>
        public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        {
            if (a.Length != b.Length)
            {
                throw new ArgumentException("Dot needs spans of one length (" + a.Length + " and " + b.Length + ").", nameof(b));
            }

            double sum = 0.0;
            for (int j = 0; j < a.Length; j++)
            {
                sum += a[j] * b[j];
            }

            return sum;
        }

        /// <summary>log(1 + x), accurate for tiny x.</summary>
        internal static double Log1P(double x)
        {
            double u = 1.0 + x;
            if (u == 1.0)
            {
                return x;
            }

            return Math.Log(u) * x / (u - 1.0);
        }
    }
}
