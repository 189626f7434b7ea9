using System;
using System.Linq;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// <see cref="SymGrad.Kernels.Scale(Span{double}, int, double, int)"/> and its <c>float</c> form give the scalar loop's
    /// bits (<c>v[s + k] = v[s + k] * factor</c>) at every length around their vector widths (4 and 8) and steps (16 and
    /// 32), from an offset, with NaN, infinities, -0.0 and subnormals, leave the elements outside the range alone, and throw
    /// before writing where the loop would throw.
    /// </summary>
    public sealed class ScaleKernelTests
    {
        public static TheoryData<int> Lengths() => new() { 0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 101 };

        [Theory]
        [MemberData(nameof(Lengths))]
        public void DoubleScaleGivesTheScalarLoopsBits(int count)
        {
            var random = new Random(count + 3);
            double[] values = Enumerable.Range(0, count + 6).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300))).ToArray();
            if (count > 4)
            {
                values[3] = double.NaN;
                values[4] = double.NegativeInfinity;
                values[5] = -0.0;
                values[6] = double.Epsilon;
            }

            double factor = -1.0 / 3.0;
            double[] expected = (double[])values.Clone();
            for (int k = 0; k < count; k++)
            {
                expected[2 + k] = expected[2 + k] * factor;
            }

            SymGrad.Kernels.Scale(values, 2, factor, count);

            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), values.Select(BitConverter.DoubleToInt64Bits));
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void SingleScaleGivesTheScalarLoopsBits(int count)
        {
            var random = new Random(count + 5);
            float[] values = Enumerable.Range(0, count + 6).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-40, 38)))).ToArray();
            if (count > 4)
            {
                values[3] = float.NaN;
                values[4] = float.PositiveInfinity;
                values[5] = -0.0f;
                values[6] = float.Epsilon;
            }

            float factor = 1f / 7f;
            float[] expected = (float[])values.Clone();
            for (int k = 0; k < count; k++)
            {
                expected[2 + k] = expected[2 + k] * factor;
            }

            SymGrad.Kernels.Scale(values, 2, factor, count);

            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), values.Select(BitConverter.SingleToInt32Bits));
        }

        [Fact]
        public void ARangeOutsideTheArrayThrowsBeforeWriting()
        {
            double[] values = { 1, 2, 3, 4, 5 };
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.Scale(values, 1, 2.0, 5));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.Scale(values, -1, 2.0, 2));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.Scale(new float[3], 4, 2f, 1));
            Assert.Equal(new double[] { 1, 2, 3, 4, 5 }, values);
            SymGrad.Kernels.Scale(values, 9, 2.0, 0);
            SymGrad.Kernels.Scale(values, 0, 2.0, -4);
            Assert.Equal(new double[] { 1, 2, 3, 4, 5 }, values);
        }
    }
}
