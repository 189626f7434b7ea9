using System;
using System.Linq;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// <see cref="SymGrad.Kernels.AddScaledAndDot(Span{double}, int, double, ReadOnlySpan{double}, int, ReadOnlySpan{double}, int, int)"/>
    /// and its <c>float</c> overload give, bit for bit, what <c>Dot</c> then <c>AddScaled</c> give (the two calls it
    /// replaces) at every length around the vector widths and blocks, with special values, when the updated range shares
    /// memory with a range read, and throw where the loops would without writing anything.
    /// </summary>
    public sealed class FusedKernelTests
    {
        public static TheoryData<int> Lengths() => new() { -1, 0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 100 };

        [Theory]
        [MemberData(nameof(Lengths))]
        public void DoubleGivesTheBitsOfDotThenAddScaled(int count)
        {
            var random = new Random(count + 40);
            int n = Math.Max(count, 0);
            double[] source = Enumerable.Range(0, n + 6).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 6))).ToArray();
            double[] other = Enumerable.Range(0, n + 4).Select(_ => random.NextDouble() - 0.5).ToArray();
            double[] destination = Enumerable.Range(0, n + 3).Select(_ => random.NextDouble() - 0.5).ToArray();
            if (count > 6)
            {
                source[6] = double.PositiveInfinity;
                other[5] = -0.0;
                destination[1] = double.NaN;
            }

            double[] expected = (double[])destination.Clone();
            double expectedDot = SymGrad.Kernels.Dot(source, 4, other, 2, count);
            SymGrad.Kernels.AddScaled(expected, 1, 0.37, source, 4, count);

            double dot = SymGrad.Kernels.AddScaledAndDot(destination, 1, 0.37, source, 4, other, 2, count);

            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedDot), BitConverter.DoubleToInt64Bits(dot));
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), destination.Select(BitConverter.DoubleToInt64Bits));
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void FloatGivesTheBitsOfDotThenAddScaled(int count)
        {
            var random = new Random(count + 41);
            int n = Math.Max(count, 0);
            float[] source = Enumerable.Range(0, n + 6).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-4, 4)))).ToArray();
            float[] other = Enumerable.Range(0, n + 4).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            float[] destination = Enumerable.Range(0, n + 3).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();

            float[] expected = (float[])destination.Clone();
            float expectedDot = SymGrad.Kernels.Dot(source, 4, other, 2, count);
            SymGrad.Kernels.AddScaled(expected, 1, 0.37f, source, 4, count);

            float dot = SymGrad.Kernels.AddScaledAndDot(destination, 1, 0.37f, source, 4, other, 2, count);

            Assert.Equal(BitConverter.SingleToInt32Bits(expectedDot), BitConverter.SingleToInt32Bits(dot));
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), destination.Select(BitConverter.SingleToInt32Bits));
        }

        [Theory]
        [InlineData(0, 10, 20, 23)]
        [InlineData(3, 10, 20, 23)]
        [InlineData(-3, 10, 20, 23)]
        [InlineData(10, 0, 20, 23)]
        [InlineData(-2, 10, 10, 23)]
        [InlineData(0, 10, 10, 3)]   // one to three elements run inline in the caller: the same order
        [InlineData(1, 10, 11, 3)]
        [InlineData(-1, 10, 9, 2)]
        [InlineData(0, 10, 20, 1)]
        public void SharedMemoryRunsAsTheTwoCallsInOrder(int destinationShift, int sourceStart, int otherStart, int count)
        {
            // One array for every range: the update may change what the dot reads, so the dot comes first, as two calls.
            double[] values = Enumerable.Range(0, 80).Select(i => Math.Cos(i * 0.7)).ToArray();
            double[] expected = (double[])values.Clone();
            int destinationStart = sourceStart + destinationShift;
            double expectedDot = SymGrad.Kernels.Dot(expected, sourceStart, expected, otherStart, count);
            SymGrad.Kernels.AddScaled(expected, destinationStart, -1.25, expected, sourceStart, count);

            double dot = SymGrad.Kernels.AddScaledAndDot(values, destinationStart, -1.25, values, sourceStart, values, otherStart, count);

            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedDot), BitConverter.DoubleToInt64Bits(dot));
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), values.Select(BitConverter.DoubleToInt64Bits));
        }

        [Theory]
        [InlineData(-1, 0, 0, 3)]
        [InlineData(0, 8, 0, 3)]
        [InlineData(0, 0, 9, 3)]
        [InlineData(8, 0, 0, 3)]
        [InlineData(0, 0, 0, 11)]
        [InlineData(9, 0, 0, 2)]
        [InlineData(0, 0, 11, 1)]
        public void ARangeOutsideItsArrayThrowsAndWritesNothing(int destinationStart, int sourceStart, int otherStart, int count)
        {
            double[] destination = new double[10], source = Enumerable.Range(1, 10).Select(i => (double)i).ToArray(), other = new double[11];
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.AddScaledAndDot(destination, destinationStart, 2.0, source, sourceStart, other, otherStart, count));
            Assert.All(destination, v => Assert.Equal(0.0, v));

            float[] fd = new float[10], fs = new float[10], fo = new float[11];
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.AddScaledAndDot(fd, destinationStart, 2.0f, fs, sourceStart, fo, otherStart, count));
        }
    }
}
