using System;

namespace SymGrad
{
    /// <summary>
    /// The <c>float</c> overloads of <see cref="SymMath"/>: the same stable forms computed in <c>float</c>, for
    /// <c>float</c> models (docs/single-precision.md) and the code generated for them.
    /// </summary>
    public static partial class SymMath
    {
        /// <summary><see cref="Sigmoid(float)"/> of sixteen values at once with an exp inlined here (<see cref="LaneExp"/>, which may differ from <c>MathF.Exp</c> in the last bit or two): what a <c>float</c> method's element-wise loops call.</summary>
        /// <param name="x">The arguments.</param>
        /// <returns>Each lane's sigmoid.</returns>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static System.Runtime.Intrinsics.Vector512<float> Sigmoid(System.Runtime.Intrinsics.Vector512<float> x) => SigmoidOf(x, LaneExp.Exp(-System.Runtime.Intrinsics.Vector512.Abs(x)));

        /// <summary>The logistic function 1 / (1 + e^-x) in <c>float</c>, without overflow for large |x|.</summary>
        public static float Sigmoid(float x)
        {
            float e = MathF.Exp(-MathF.Abs(x));
            return (x >= 0 ? 1.0f : e) / (1.0f + e);
        }

        /// <summary>log(1 + e^x) in <c>float</c>, as max(x, 0) + log1p(e^-|x|).</summary>
        public static float Softplus(float x) => MathF.Max(x, 0.0f) + Log1P(MathF.Exp(-MathF.Abs(x)));

        /// <summary><see cref="Softplus(float)"/> of sixteen values at once, in the form of <see cref="Softplus(System.Runtime.Intrinsics.Vector512{double})"/> (the exp and log inlined, <see cref="LaneExp"/>, <see cref="LaneLog"/>): what a <c>float</c> method's element-wise loops call.</summary>
        /// <param name="x">The arguments.</param>
        /// <returns>Each lane's softplus.</returns>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static System.Runtime.Intrinsics.Vector512<float> Softplus(System.Runtime.Intrinsics.Vector512<float> x) => SoftplusOf(x, LaneExp.Exp(-System.Runtime.Intrinsics.Vector512.Abs(x)));

        /// <summary>The <c>float</c> <see cref="Softplus(System.Runtime.Intrinsics.Vector512{double}, out System.Runtime.Intrinsics.Vector512{double})"/>: softplus and sigmoid of sixteen lanes from one exp, the same bits as the two calls.</summary>
        /// <param name="x">The arguments.</param>
        /// <param name="sigmoid">Receives each lane's sigmoid.</param>
        /// <returns>Each lane's softplus.</returns>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static System.Runtime.Intrinsics.Vector512<float> Softplus(System.Runtime.Intrinsics.Vector512<float> x, out System.Runtime.Intrinsics.Vector512<float> sigmoid)
        {
            var e = LaneExp.Exp(-System.Runtime.Intrinsics.Vector512.Abs(x));
            sigmoid = SigmoidOf(x, e);
            return SoftplusOf(x, e);
        }

        /// <summary>The lane sigmoid of <paramref name="x"/> given e = e^-|x|: the selected numerator over 1 + e (one form for the lone and the paired call, so their bits agree).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static System.Runtime.Intrinsics.Vector512<float> SigmoidOf(System.Runtime.Intrinsics.Vector512<float> x, System.Runtime.Intrinsics.Vector512<float> e)
        {
            var one = System.Runtime.Intrinsics.Vector512.Create(1.0f);
            var numerator = System.Runtime.Intrinsics.Vector512.ConditionalSelect(System.Runtime.Intrinsics.Vector512.GreaterThanOrEqual(x, System.Runtime.Intrinsics.Vector512<float>.Zero), one, e);
            return numerator / (one + e);
        }

        /// <summary>The lane softplus of <paramref name="x"/> given e = e^-|x|: max(x, 0) + log1p(e) (one form for the lone and the paired call).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static System.Runtime.Intrinsics.Vector512<float> SoftplusOf(System.Runtime.Intrinsics.Vector512<float> x, System.Runtime.Intrinsics.Vector512<float> e)
        {
            var one = System.Runtime.Intrinsics.Vector512.Create(1.0f);
            var u = one + e;
            var log1P = System.Runtime.Intrinsics.Vector512.ConditionalSelect(System.Runtime.Intrinsics.Vector512.Equals(u, one), e, LaneLog.Log(u) * e / (u - one));
            return System.Runtime.Intrinsics.Vector512.Max(x, System.Runtime.Intrinsics.Vector512<float>.Zero) + log1P;
        }

        /// <summary>max(x, 0) in <c>float</c>. Its derivative at 0 is taken to be 0.</summary>
        public static float Relu(float x) => x > 0.0f ? x : 0.0f;

        /// <summary>log(sum_j e^z_j) in <c>float</c>, shifted by max(z).</summary>
        /// <exception cref="ArgumentException"><paramref name="z"/> is empty.</exception>
        public static float LogSumExp(ReadOnlySpan<float> z)
        {
            if (z.IsEmpty)
            {
                throw new ArgumentException("LogSumExp needs at least one value.", nameof(z));
            }

            float max = float.NegativeInfinity;
            foreach (float value in z)
            {
                max = MathF.Max(max, value);
            }

            if (float.IsInfinity(max))
            {
                return max;
            }

            float sum = 0.0f;
            foreach (float value in z)
            {
                sum += MathF.Exp(value - max);
            }

            return max + MathF.Log(sum);
        }

        /// <summary>log softmax(z)_index = z_index - LogSumExp(z), in <c>float</c>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside <paramref name="z"/>.</exception>
        public static float LogSoftmax(ReadOnlySpan<float> z, int index)
        {
            if ((uint)index >= (uint)z.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, "The index must select an element of z (length " + z.Length + ").");
            }

            return z[index] - LogSumExp(z);
        }

        /// <summary>Writes softmax(z) into <paramref name="output"/>, in <c>float</c>.</summary>
        /// <exception cref="ArgumentException">The lengths differ.</exception>
        public static void Softmax(ReadOnlySpan<float> z, Span<float> output)
        {
            if (output.Length != z.Length)
            {
                throw new ArgumentException("The output must have the length of z (" + z.Length + "), not " + output.Length + ".", nameof(output));
            }

            float logSumExp = LogSumExp(z);
            for (int j = 0; j < z.Length; j++)
            {
                output[j] = MathF.Exp(z[j] - logSumExp);
            }
        }

        /// <summary>The dot product sum_j a_j b_j in <c>float</c>, in order.</summary>
        /// <exception cref="ArgumentException">The lengths differ.</exception>
        public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            if (a.Length != b.Length)
            {
                throw new ArgumentException("Dot needs spans of one length (" + a.Length + " and " + b.Length + ").", nameof(b));
            }

            float sum = 0.0f;
            for (int j = 0; j < a.Length; j++)
            {
                sum += a[j] * b[j];
            }

            return sum;
        }

        /// <summary>log(1 + x) in <c>float</c>, accurate for tiny x.</summary>
        internal static float Log1P(float x)
        {
            float u = 1.0f + x;
            if (u == 1.0f)
            {
                return x;
            }

            return MathF.Log(u) * x / (u - 1.0f);
        }
    }
}
