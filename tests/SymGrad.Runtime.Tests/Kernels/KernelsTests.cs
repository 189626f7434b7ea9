using System;
using System.Linq;
using System.Numerics;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// <see cref="SymGrad.Kernels.AddScaled"/> gives the scalar loop's bits at every length around the vector
    /// width (0, 1, width - 1, width, width + 1, and longer), at offsets, with special values, and throws where the
    /// loop would.
    /// </summary>
    public sealed class KernelsTests
    {
        public static TheoryData<int> Lengths()
        {
            int width = Vector<double>.Count;
            var lengths = new TheoryData<int>();
            foreach (int length in new[] { 0, 1, width - 1, width, width + 1, 2 * width + 3, 101 }.Distinct())
            {
                lengths.Add(length);
            }

            return lengths;
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void AddScaledGivesTheScalarLoopsBits(int count)
        {
            var random = new Random(count + 11);
            double[] source = Enumerable.Range(0, count + 7).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 8))).ToArray();
            double[] destination = Enumerable.Range(0, count + 5).Select(_ => random.NextDouble() - 0.5).ToArray();
            if (count > 2)
            {
                source[3] = double.NaN;
                source[4] = double.PositiveInfinity;
                destination[2] = -0.0;
            }

            double scale = -1.7e-3;
            double[] expected = (double[])destination.Clone();
            for (int k = 0; k < count; k++)
            {
                expected[2 + k] += scale * source[5 + k];
            }

            SymGrad.Kernels.AddScaled(destination, 2, scale, source, 5, count);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), destination.Select(BitConverter.DoubleToInt64Bits));
        }

        [Fact]
        public void ARangeOutsideAnArrayThrowsAsTheLoopWould()
        {
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.AddScaled(new double[4], 1, 2.0, new double[10], 0, 4));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.AddScaled(new double[10], 0, 2.0, new double[4], 2, 3));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.AddScaled(new double[10], -1, 2.0, new double[10], 0, 3));
            SymGrad.Kernels.AddScaled(new double[1], 5, 2.0, new double[1], 7, 0);
            SymGrad.Kernels.AddScaled(new double[1], 0, 2.0, new double[1], 0, -3);
        }
    }
}
