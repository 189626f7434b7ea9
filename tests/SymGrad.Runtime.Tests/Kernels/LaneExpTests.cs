using System;
using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// The inlined lane exp behind the vector sigmoid and softplus: within one unit in the last place of
    /// <c>Math.Exp</c> over the whole range with AVX-512 or AVX2 (two without them, where it is <c>Vector512.Exp</c>) (both are within about one of the exact value; one unit of the smallest
    /// subnormal where the result is subnormal), and IEEE's answers at the
    /// edges: 0 below the smallest subnormal, infinity above the largest double, NaN for NaN, 1 for both zeros. Both
    /// forms of each precision (the AVX-512 one and the one in 256-bit halves for AVX2 and FMA) follow a scalar model of
    /// the method bit for bit wherever the machine runs them, so they give the same bits.
    /// </summary>
    public class LaneExpTests
    {
        private static bool HasAvx2AndFma => System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported;

        [Fact]
        public void TheDoubleFormsFollowTheMethodBitForBit()
        {
            // Both double forms against the method in scalar steps (FusedMultiplyAdd for each FMA, ScaleB for VSCALEFPD's
            // single rounding, the table computed here to the nearest double): the same bits at every point, from
            // underflow through subnormal results to overflow. The form in 256-bit halves runs wherever there are AVX2 and
            // FMA (an AVX-512 machine too), the AVX-512 form where there is AVX-512. Both read one table, so the direct
            // comparison of the forms (TheFormsWithoutAvx512GiveTheSameBitsAsTheAvx512Forms) cannot catch a wrong entry;
            // the model, whose table is computed here, can. Without AVX2 and FMA the form is Vector512.Exp, and the next
            // test bounds it. The model copies the method's constants: it checks the forms against the method; the next
            // test checks the method against Math.Exp.
            if (!HasAvx2AndFma)
            {
                return;
            }

            var random = new Random(61);
            var values = new double[96_000];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (i % 4) switch
                {
                    0 => (random.NextDouble() * 1500.0) - 770.0,    // beyond both clamps
                    1 => (random.NextDouble() - 0.5) * 4.0,
                    2 => (random.NextDouble() * 40.0) - 748.0,      // subnormal results and underflow to 0
                    _ => 709.0 + random.NextDouble(),                // the largest results and overflow
                };
            }

            double[] edges = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, -746.0, 710.0, 709.782712893384, -745.1332191019412, -708.3964185322641, 1e-300, -1e-300, double.MaxValue, double.MinValue, 0.5 * Math.Log(2.0) / 16, -0.5 * Math.Log(2.0) / 16];
            AssertFormsFollowTheModel([.. values, .. edges], x => LaneExp.ExpWithoutAvx512(x), LaneExp.Exp, ModelExp);
        }

        [Fact]
        public void TheFloatFormsFollowTheMethodBitForBit()
        {
            // The float forms against the method in scalar float steps (MathF.FusedMultiplyAdd for each FMA, ScaleB for
            // VSCALEFPS's single rounding, the table computed here to the nearest float), as the double forms are above:
            // both forms read one table (LaneExp.SingleFractions), so only a model with its own table catches a wrong entry.
            if (!HasAvx2AndFma)
            {
                return;
            }

            var random = new Random(67);
            var values = new float[64_000];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (i % 4) switch
                {
                    0 => (float)((random.NextDouble() * 210.0) - 110.0),   // beyond both clamps
                    1 => (float)((random.NextDouble() - 0.5) * 4.0),
                    2 => (float)((random.NextDouble() * 20.0) - 106.0),    // subnormal results and underflow to 0
                    _ => (float)(88.0 + random.NextDouble()),                // the largest results and overflow
                };
            }

            float[] edges = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.0f, -0.0f, -104.0f, 89.0f, 88.72283f, -87.33654f, -103.97208f, 1e-30f, -1e-30f, float.MaxValue, float.MinValue, 0.5f * MathF.Log(2.0f) / 16, -0.5f * MathF.Log(2.0f) / 16];
            AssertFormsFollowTheModel([.. values, .. edges], x => LaneExp.ExpWithoutAvx512(x), LaneExp.Exp, ModelExp);
        }

        /// <summary>
        /// Every lane of the form in halves, and of the AVX-512 form where the machine has it, against the scalar model,
        /// bit for bit (any NaN for a NaN), a vector of <paramref name="values"/> at a time.
        /// </summary>
        private static void AssertFormsFollowTheModel<T>(T[] values, Func<Vector512<T>, Vector512<T>> halves, Func<Vector512<T>, Vector512<T>> wide, Func<T, T> model)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            bool avx512 = System.Runtime.Intrinsics.X86.Avx512F.IsSupported;
            int width = Vector512<T>.Count;
            Assert.True(values.Length % width == 0, "every value is checked: a whole number of vectors");
            for (int i = 0; i + width <= values.Length; i += width)
            {
                Vector512<T> x = Vector512.Create<T>(values.AsSpan(i, width));
                Vector512<T> inHalves = halves(x);
                Vector512<T> inWide = avx512 ? wide(x) : default;
                for (int l = 0; l < width; l++)
                {
                    T expected = model(values[i + l]);
                    AssertSameBits(expected, inHalves.GetElement(l), $"e^{values[i + l]:R} in halves");
                    if (avx512)
                    {
                        AssertSameBits(expected, inWide.GetElement(l), $"e^{values[i + l]:R} with AVX-512");
                    }
                }
            }
        }

        private static void AssertSameBits<T>(T expected, T actual, string what)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
            Assert.True(
                T.IsNaN(expected) ? T.IsNaN(actual) : Bytes(ref expected).SequenceEqual(Bytes(ref actual)),
                $"{what}: {actual:R} against the model's {expected:R}");

        /// <summary>A value's bytes, to compare bits (-0 is not +0).</summary>
        private static ReadOnlySpan<byte> Bytes<T>(ref T value)
            where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.AsBytes(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref value, 1));

        /// <summary>The <c>float</c> lane exp's method one step at a time in scalar arithmetic, each rounding where the lanes round.</summary>
        private static float ModelExp(float x)
        {
            if (float.IsNaN(x))
            {
                return x;
            }

            const float Shifter = 12582912.0f;  // 1.5 * 2^23
            x = MathF.Max(-104.0f, MathF.Min(89.0f, x));
            float shifted = MathF.FusedMultiplyAdd(x, 23.083120346069336f, Shifter);
            float steps = shifted - Shifter;
            float r = MathF.FusedMultiplyAdd(steps, -0.0433197021484375f, x);
            r = MathF.FusedMultiplyAdd(steps, -1.9966364561696537e-06f, r);
            int n = (int)steps;
            float r2 = r * r;
            float tail = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(1.0f / 24, r, 1.0f / 6), r2, MathF.FusedMultiplyAdd(0.5f, r, 1.0f));
            float fraction = SingleTable[n & 15];
            return MathF.ScaleB(MathF.FusedMultiplyAdd(fraction, tail * r, fraction), n >> 4);
        }

        /// <summary>The lane exp's method one step at a time in scalar arithmetic, each rounding where the lanes round.</summary>
        private static double ModelExp(double x)
        {
            if (double.IsNaN(x))
            {
                return x;
            }

            const double Shifter = 6755399441055744.0;  // 1.5 * 2^52
            x = Math.Max(-746.0, Math.Min(710.0, x));
            double shifted = Math.FusedMultiplyAdd(x, 23.083120654223414, Shifter);
            double steps = shifted - Shifter;
            double r = Math.FusedMultiplyAdd(steps, -(6.93147180369123816490e-01 / 16), x);
            r = Math.FusedMultiplyAdd(steps, -(1.90821492927058770002e-10 / 16), r);
            int n = (int)steps;
            double r2 = r * r;
            double r4 = r2 * r2;
            double p23 = Math.FusedMultiplyAdd(1.0 / 6, r, 1.0 / 2);
            double p45 = Math.FusedMultiplyAdd(1.0 / 120, r, 1.0 / 24);
            double p67 = Math.FusedMultiplyAdd(1.0 / 5040, r, 1.0 / 720);
            double expMinusOne = Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(p67, r4, Math.FusedMultiplyAdd(p45, r2, p23)), r2, r);
            double fraction = DoubleTable[n & 15];
            return Math.ScaleB(Math.FusedMultiplyAdd(fraction, expMinusOne, fraction), n >> 4);
        }

        /// <summary>The models' tables, computed once: 2^(j / 16) to the nearest double (52 fraction bits) and float (23).</summary>
        private static readonly double[] DoubleTable = Enumerable.Range(0, 16).Select(j => NearestPowerOfTwoFraction(j, 52)).ToArray();

        private static readonly float[] SingleTable = Enumerable.Range(0, 16).Select(j => (float)NearestPowerOfTwoFraction(j, 23)).ToArray();

        /// <summary>
        /// The number with <paramref name="bits"/> fraction bits nearest 2^(j / 16) (52 for a double, 23 for a float): the
        /// integer nearest 2^bits 2^(j / 16), the sixteenth root of 2^(16 bits + j), in exact integers, over 2^bits.
        /// </summary>
        private static double NearestPowerOfTwoFraction(int j, int bits)
        {
            System.Numerics.BigInteger power = System.Numerics.BigInteger.Pow(2, (16 * bits) + j);
            System.Numerics.BigInteger root = new System.Numerics.BigInteger(Math.Pow(2.0, j / 16.0) * Math.ScaleB(1.0, bits));
            while (System.Numerics.BigInteger.Pow(root + 1, 16) <= power)
            {
                root++;
            }

            while (System.Numerics.BigInteger.Pow(root, 16) > power)
            {
                root--;
            }

            // root <= exact < root + 1: round up when (root + 1/2)^16 < 2^(16 bits + j), i.e. (2 root + 1)^16 < 2^(16 bits + 16 + j).
            if (System.Numerics.BigInteger.Pow((2 * root) + 1, 16) < System.Numerics.BigInteger.Pow(2, (16 * bits) + 16 + j))
            {
                root++;
            }

            return Math.ScaleB((double)root, -bits);
        }

        [Fact]
        public void MatchesMathExpWithinOneUnitInTheLastPlaceAcrossTheRange()
        {
            var random = new Random(17);
            var values = new double[80_000];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (i % 4) switch
                {
                    0 => (random.NextDouble() * 1455.0) - 745.0,     // everything from underflow to overflow
                    1 => (random.NextDouble() - 0.5) * 2.0,          // near zero, where e^x is near 1
                    2 => (random.NextDouble() * 37.0) - 745.0,      // subnormal results
                    _ => (random.NextDouble() - 0.5) * 1e-6,         // tiny arguments
                };
            }

            // Without AVX-512 or AVX2 LaneExp is Vector512.Exp, up to two units off.
            int units = System.Runtime.Intrinsics.X86.Avx512F.IsSupported || HasAvx2AndFma ? 1 : 2;
            for (int i = 0; i < values.Length; i += 8)
            {
                Vector512<double> lanes = LaneExp.Exp(Vector512.Create(values.AsSpan(i, 8)));
                for (int l = 0; l < 8; l++)
                {
                    double x = values[i + l];
                    double expected = Math.Exp(x);
                    double actual = lanes.GetElement(l);
                    if (double.IsInfinity(expected))
                    {
                        Assert.Equal(expected, actual);
                        continue;
                    }

                    if (expected < 2.2250738585072014E-308)
                    {
                        // Subnormal results carry fewer bits: compare in units of the smallest subnormal.
                        Assert.True(Math.Abs(actual - expected) <= double.Epsilon, $"exp({x:R}) = {actual:R}, Math.Exp {expected:R}");
                        continue;
                    }

                    Assert.True(Math.Abs(actual - expected) <= units * (Math.BitIncrement(expected) - expected), $"exp({x:R}) = {actual:R}, Math.Exp {expected:R}");
                }
            }
        }

        [Theory]
        [InlineData(0.0, 1.0)]
        [InlineData(1.0, Math.E)]
        [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
        [InlineData(double.NegativeInfinity, 0.0)]
        [InlineData(709.8, double.PositiveInfinity)]
        [InlineData(1e300, double.PositiveInfinity)]
        [InlineData(-745.2, 0.0)]
        [InlineData(-1e300, 0.0)]
        public void GivesIeeesAnswersAtTheEdges(double x, double expected)
        {
            Vector512<double> lanes = LaneExp.Exp(Vector512.Create(x));
            for (int l = 0; l < 8; l++)
            {
                Assert.Equal(expected, lanes.GetElement(l));
            }
        }

        [Fact]
        public void KeepsNaNNegativeZeroAndTheLargestFiniteResult()
        {
            Assert.True(double.IsNaN(LaneExp.Exp(Vector512.Create(double.NaN)).GetElement(3)));
            Assert.Equal(1.0, LaneExp.Exp(Vector512.Create(-0.0)).GetElement(5));
            double largest = LaneExp.Exp(Vector512.Create(709.78)).GetElement(0);
            Assert.True(double.IsFinite(largest) && largest > 1.7e308, $"exp(709.78) = {largest:R}");
            Assert.True(LaneExp.Exp(Vector512.Create(-745.0)).GetElement(0) > 0.0);
        }

        [Fact]
        public void TheVectorSigmoidAndSoftplusStayWithinAFewUnitsOfTheScalarOnes()
        {
            var random = new Random(5);
            for (int i = 0; i < 10_000; i++)
            {
                double x = (random.NextDouble() - 0.5) * 80.0;
                double sigmoid = SymMath.Sigmoid(Vector512.Create(x)).GetElement(0);
                double softplus = SymMath.Softplus(Vector512.Create(x)).GetElement(0);
                Assert.True(Math.Abs(sigmoid - SymMath.Sigmoid(x)) <= 8e-16 * SymMath.Sigmoid(x), $"sigmoid({x:R})");
                Assert.True(Math.Abs(softplus - SymMath.Softplus(x)) <= 8e-16 * Math.Max(SymMath.Softplus(x), 1e-300) + 1e-320, $"softplus({x:R})");
            }
        }

        [Fact]
        public void TheFloatFormIsWithinTwoUnitsOfTheCorrectlyRoundedValueAcrossTheRange()
        {
            // Against e^x in double rounded to float (the correctly rounded value but for double rounding): within two
            // units in the last place of float with AVX-512, or AVX2 and FMA (the same method in halves; without them
            // Vector512.Exp, within the same), one unit of the smallest subnormal where the result is subnormal; IEEE's
            // answers at the edges.
            var random = new Random(23);
            var values = new float[64_000];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (i % 4) switch
                {
                    0 => (float)((random.NextDouble() * 193.0) - 104.0),   // underflow to overflow
                    1 => (float)((random.NextDouble() - 0.5) * 2.0),       // near zero
                    2 => (float)((random.NextDouble() * 17.0) - 104.0),    // subnormal results
                    _ => (float)((random.NextDouble() - 0.5) * 1e-6),      // tiny arguments
                };
            }

            for (int i = 0; i < values.Length; i += 16)
            {
                Vector512<float> lanes = LaneExp.Exp(Vector512.Create(values.AsSpan(i, 16)));
                for (int l = 0; l < 16; l++)
                {
                    float expected = (float)Math.Exp(values[i + l]);
                    float actual = lanes.GetElement(l);
                    int units = Math.Abs(BitConverter.SingleToInt32Bits(actual) - BitConverter.SingleToInt32Bits(expected));
                    Assert.True(units <= 2, $"e^{values[i + l]:R}: {actual:R} against {expected:R} ({units} units)");
                }
            }

            Vector512<float> edges = LaneExp.Exp(Vector512.Create(float.NaN, float.NegativeInfinity, float.PositiveInfinity, 0.0f, -0.0f, -104.0f, 89.0f, 88.72283f, -87.33654f, 1.0f, -1.0f, 10.0f, -10.0f, 88.7f, -103.0f, 0.5f));
            Assert.True(float.IsNaN(edges[0]));
            Assert.Equal(0.0f, edges[1]);
            Assert.Equal(float.PositiveInfinity, edges[2]);
            Assert.Equal(1.0f, edges[3]);
            Assert.Equal(1.0f, edges[4]);
            Assert.Equal(0.0f, edges[5]);
            Assert.Equal(float.PositiveInfinity, edges[6]);
            Assert.True(float.IsFinite(edges[13]) && edges[13] > 3e38f);
            Assert.True(edges[14] > 0.0f && edges[14] < 1.2e-38f);  // subnormal, not flushed
        }

        [Fact]
        public void TheFormsWithoutAvx512GiveTheSameBitsAsTheAvx512Forms()
        {
            // The float and double exps and the double log without AVX-512 (AVX2 and FMA), against their AVX-512 forms: these run only
            // on a machine with AVX-512 (it has AVX2 and FMA too). Elsewhere the forms without it are what Exp and Log
            // run, and the tests above and LaneLogTests check them against Math's.
            if (!System.Runtime.Intrinsics.X86.Avx512F.IsSupported)
            {
                return;
            }

            var random = new Random(47);
            for (int i = 0; i < 20_000; i++)
            {
                Vector512<float> single = Vector512.Create(Enumerable.Range(0, 16).Select(l => l == i % 16 && i % 3 == 0 ? float.NaN : (float)((random.NextDouble() * 200.0) - 106.0)).ToArray());
                Assert.Equal(LaneExp.Exp(single), LaneExp.ExpWithoutAvx512(single));
                Vector512<double> exponents = Vector512.Create(Enumerable.Range(0, 8).Select(l => l == i % 8 && i % 3 == 0 ? double.NaN : (random.NextDouble() * 1480.0) - 760.0).ToArray());
                Vector512<double> exp = LaneExp.Exp(exponents);
                Vector512<double> expWithout = LaneExp.ExpWithoutAvx512(exponents);
                Assert.Equal(Vector512.Equals(exp, exp), Vector512.Equals(expWithout, expWithout));
                Assert.Equal(Vector512.ConditionalSelect(Vector512.Equals(exp, exp), exp, Vector512<double>.Zero), Vector512.ConditionalSelect(Vector512.Equals(expWithout, expWithout), expWithout, Vector512<double>.Zero));

                // Positive finite arguments from subnormal to the largest, and the edges.
                Vector512<double> positive = Vector512.Create(Enumerable.Range(0, 8).Select(l => BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x7FF0000000000000))).ToArray());
                (Vector256<double> lowerExponent, Vector256<double> lowerMantissa) = LaneLog.ExponentAndMantissa(positive.GetLower());
                (Vector256<double> upperExponent, Vector256<double> upperMantissa) = LaneLog.ExponentAndMantissa(positive.GetUpper());
                Assert.Equal(System.Runtime.Intrinsics.X86.Avx512F.GetExponent(positive), Vector512.Create(lowerExponent, upperExponent));
                Assert.Equal(System.Runtime.Intrinsics.X86.Avx512F.GetMantissa(positive, 0), Vector512.Create(lowerMantissa, upperMantissa));
                Assert.Equal(LaneLog.Log(positive), LaneLog.LogWithoutAvx512(positive));
            }

            Vector512<double> edges = Vector512.Create(0.0, -0.0, -1.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.0, double.Epsilon);
            Assert.Equal(LaneLog.Log(edges), LaneLog.LogWithoutAvx512(edges));
        }
    }
}
