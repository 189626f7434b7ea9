using System;
using System.Linq;
using Xunit;

namespace SymGrad.Runtime.Tests.Floats
{
    /// <summary>The <c>float</c> kernels: <c>AddScaled</c> gives the loop's bits, <c>Dot</c> its documented order's bits.</summary>
    public sealed class SingleKernelsTests
    {
        public static TheoryData<int> Lengths() => new() { 0, 1, 7, 8, 9, 31, 32, 33, 40, 65, 101 };

        [Theory]
        [MemberData(nameof(Lengths))]
        public void AddScaledGivesTheScalarLoopsBits(int count)
        {
            float[] source = Values(count + 3, 1);
            float[] destination = Values(count + 5, 2);
            float[] expected = (float[])destination.Clone();
            const float Scale = -0.37f;
            for (int k = 0; k < count; k++)
            {
                expected[2 + k] += Scale * source[3 + k];
            }

            global::SymGrad.Kernels.AddScaled(destination, 2, Scale, source, 3, count);

            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), destination.Select(BitConverter.SingleToInt32Bits));
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void DotGivesItsDocumentedOrdersBits(int count)
        {
            float[] left = Values(count + 2, 3);
            float[] right = Values(count + 1, 4);

            float dot = global::SymGrad.Kernels.Dot(left, 2, right, 1, count);

            Assert.Equal(BitConverter.SingleToInt32Bits(DocumentedOrder(left, 2, right, 1, count)), BitConverter.SingleToInt32Bits(dot));
            double exact = Enumerable.Range(0, count).Sum(k => (double)left[2 + k] * right[1 + k]);
            double bound = 2 * count * 6e-8 * Enumerable.Range(0, count).Sum(k => Math.Abs((double)left[2 + k] * right[1 + k]));
            Assert.True(Math.Abs(dot - exact) <= bound + 1e-30, $"{dot} against {exact}");
        }

        [Fact]
        public void AnEmptyDotIsNegativeZeroAndARangeOutsideThrows()
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(-0.0f), BitConverter.SingleToInt32Bits(global::SymGrad.Kernels.Dot(new float[3], 0, new float[3], 0, 0)));
            Assert.Throws<IndexOutOfRangeException>(() => global::SymGrad.Kernels.Dot(new float[3], 1, new float[3], 0, 3));
            Assert.Throws<IndexOutOfRangeException>(() => global::SymGrad.Kernels.AddScaled(new float[3], 0, 1f, new float[2], 0, 3));
        }

        [Fact]
        public void SymMathsFloatFormsAgreeWithTheDoubleOnesRounded()
        {
            foreach (float x in new[] { -90f, -20f, -1.5f, -1e-3f, 0f, 1e-7f, 0.5f, 3f, 30f, 100f })
            {
                Assert.Equal((float)SymMath.Sigmoid((double)x), SymMath.Sigmoid(x), 6);
                float softplus = SymMath.Softplus(x);
                double reference = SymMath.Softplus((double)x);
                Assert.True(Math.Abs(softplus - reference) <= 2.4e-7 * Math.Max(Math.Abs(reference), 1e-30) + 1e-45, $"Softplus({x}) = {softplus}, double gives {reference}");
                Assert.Equal(x > 0 ? x : 0f, SymMath.Relu(x));
            }

            float[] z = { 1f, -2f, 300f, 299.5f };
            Assert.Equal((float)SymMath.LogSumExp(z.Select(v => (double)v).ToArray()), SymMath.LogSumExp(z), 3);
            float[] p = new float[4];
            SymMath.Softmax(z, p);
            Assert.Equal(1.0, p.Sum(v => (double)v), 4); // lse near 300 carries float's 3e-5 spacing into every exp
            Assert.Equal(SymMath.LogSoftmax(z, 2), MathF.Log(p[2]), 5);
            Assert.Equal(1f * 2f + 3f * 4f, SymMath.Dot(new[] { 1f, 3f }, new[] { 2f, 4f }));
            Assert.Throws<ArgumentException>(() => SymMath.LogSumExp(ReadOnlySpan<float>.Empty));
        }

        [Fact]
        public void OutputChecksRejectSharedMemory()
        {
            float[] w = new float[4];
            Assert.Throws<ArgumentException>(() => GradientOutputs.ThrowIfOverlaps(w.AsSpan(1), "dw", w, "w"));
            GradientOutputs.ThrowIfOverlaps(new float[4], "dw", w, "w");
            float a = 0f;
            Assert.Throws<ArgumentException>(() => GradientOutputs.ThrowIfSame(out a, "da", out a, "db"));
        }

        /// <summary>The order the <c>float</c> <c>global::SymGrad.Kernels.Dot</c> documents, one product at a time.</summary>
        private static float DocumentedOrder(float[] left, int leftStart, float[] right, int rightStart, int count)
        {
            if (count <= 0)
            {
                return -0.0f;
            }

            var lanes = Enumerable.Repeat(-0.0f, 32).ToArray();
            int k = 0;
            for (; k + 32 <= count; k += 32)
            {
                for (int lane = 0; lane < 32; lane++)
                {
                    lanes[lane] = MathF.FusedMultiplyAdd(left[leftStart + k + lane], right[rightStart + k + lane], lanes[lane]);
                }
            }

            for (; k + 8 <= count; k += 8)
            {
                for (int lane = 0; lane < 8; lane++)
                {
                    lanes[lane] = MathF.FusedMultiplyAdd(left[leftStart + k + lane], right[rightStart + k + lane], lanes[lane]);
                }
            }

            float tail = -0.0f;
            for (; k < count; k++)
            {
                tail = MathF.FusedMultiplyAdd(left[leftStart + k], right[rightStart + k], tail);
            }

            var s = new float[8];
            for (int lane = 0; lane < 8; lane++)
            {
                s[lane] = (lanes[lane] + lanes[8 + lane]) + (lanes[16 + lane] + lanes[24 + lane]);
            }

            return (((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]))) + tail;
        }

        private static float[] Values(int length, int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        }
    }
}
