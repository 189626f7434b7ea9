using System;
using System.Linq;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// <see cref="SymGrad.Kernels.AddScaled"/> gives the scalar loop's bits at every length around the vector
    /// width of 4 and its step of 16 (0, 1, 3, 4, 5, 15, 16, 17, and longer), at offsets, with special values, and throws where the
    /// loop would. <see cref="SymGrad.Kernels.Dot"/> gives the bits of its documented order (emulated here one
    /// product at a time) at every length around its width of 4 and its block of 16, stays within the rounding
    /// bound of the sequential sum, and throws where the loop would.
    /// </summary>
    public sealed class KernelsTests
    {
        public static TheoryData<int> Lengths() => new() { 0, 1, 2, 3, 4, 5, 7, 15, 16, 17, 19, 33, 101 };

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

        [Theory]
        [InlineData(1, 37)]
        [InlineData(-1, 37)]
        [InlineData(3, 37)]
        [InlineData(-5, 37)]
        [InlineData(0, 37)]
        [InlineData(1, 3)]   // one to three elements run inline in the caller: element by element, as the loop
        [InlineData(-1, 3)]
        [InlineData(1, 2)]
        [InlineData(0, 1)]
        public void AddScaledOverOneArrayGivesTheLoopsRecurrence(int shift, int count)
        {
            double[] values = Enumerable.Range(0, 60).Select(i => Math.Sin(i)).ToArray();
            double[] expected = (double[])values.Clone();
            int destinationStart = 10 + shift, sourceStart = 10;
            for (int k = 0; k < count; k++)
            {
                expected[destinationStart + k] += 0.75 * expected[sourceStart + k];
            }

            SymGrad.Kernels.AddScaled(values, destinationStart, 0.75, values, sourceStart, count);

            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), values.Select(BitConverter.DoubleToInt64Bits));
        }

        [Fact]
        public void ARangeOutsideAnArrayThrowsAsTheLoopWould()
        {
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.AddScaled(new double[4], 1, 2.0, new double[10], 0, 4));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.AddScaled(new double[10], 0, 2.0, new double[4], 2, 3));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.AddScaled(new double[10], -1, 2.0, new double[10], 0, 3));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.AddScaled(new double[10], 9, 2.0, new double[10], 0, 2));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.AddScaled(new double[10], 0, 2.0, new double[10], int.MaxValue, 1));
            SymGrad.Kernels.AddScaled(new double[1], 5, 2.0, new double[1], 7, 0);
            SymGrad.Kernels.AddScaled(new double[1], 0, 2.0, new double[1], 0, -3);
        }

        public static TheoryData<int> DotLengths()
        {
            var lengths = new TheoryData<int>();
            foreach (int length in new[] { 0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 19, 20, 31, 32, 33, 100, 101, 1000 })
            {
                lengths.Add(length);
            }

            return lengths;
        }

        [Theory]
        [MemberData(nameof(DotLengths))]
        public void DotGivesItsDocumentedOrdersBits(int count)
        {
            var random = new Random(count + 5);
            double[] left = Enumerable.Range(0, count + 3).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 6))).ToArray();
            double[] right = Enumerable.Range(0, count + 6).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 6))).ToArray();

            double actual = SymGrad.Kernels.Dot(left, 3, right, 6, count);

            Assert.Equal(BitConverter.DoubleToInt64Bits(DocumentedOrder(left, 3, right, 6, count)), BitConverter.DoubleToInt64Bits(actual));
            double sequential = 0.0;
            double magnitude = 0.0;
            for (int k = 0; k < count; k++)
            {
                sequential += left[3 + k] * right[6 + k];
                magnitude += Math.Abs(left[3 + k] * right[6 + k]);
            }

            // Both sums are within gamma(count) * sum |products| of the exact one, so of each other within twice that.
            double unit = Math.Pow(2, -53);
            double gamma = count * unit / (1 - (count * unit));
            Assert.InRange(Math.Abs(actual - sequential), 0.0, 2 * gamma * magnitude);
        }

        [Fact]
        public void DotPropagatesNaNAndInfinityAsTheLoopDoes()
        {
            double[] ones = Enumerable.Repeat(1.0, 40).ToArray();
            foreach (int at in new[] { 0, 5, 17, 38 })
            {
                double[] values = Enumerable.Repeat(2.0, 40).ToArray();
                values[at] = double.NaN;
                Assert.True(double.IsNaN(SymGrad.Kernels.Dot(values, 0, ones, 0, 39)));
                values[at] = double.PositiveInfinity;
                Assert.Equal(double.PositiveInfinity, SymGrad.Kernels.Dot(values, 0, ones, 0, 39));
                values[(at + 3) % 39] = double.NegativeInfinity;
                Assert.True(double.IsNaN(SymGrad.Kernels.Dot(values, 0, ones, 0, 39)));
            }
        }

        [Fact]
        public void ADotRangeOutsideAnArrayThrowsAsTheLoopWould()
        {
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.Dot(new double[4], 1, new double[10], 0, 4));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.Dot(new double[10], 0, new double[4], 2, 3));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.Dot(new double[10], -1, new double[10], 0, 3));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.Dot(new double[10], 0, new double[2], 1, 2));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.Dot(new double[10], int.MaxValue, new double[10], 0, 1));
            Assert.Equal(0.0, SymGrad.Kernels.Dot(new double[1], 5, new double[1], 7, 0));
            Assert.Equal(0.0, SymGrad.Kernels.Dot(new double[1], 0, new double[1], 0, -3));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(3)]
        [InlineData(20)]
        public void ASumOfNegativeZerosOrOfNothingLeavesANegativeZeroTarget(int count)
        {
            double[] zeros = Enumerable.Repeat(-0.0, count).ToArray();
            double[] ones = Enumerable.Repeat(1.0, count).ToArray();
            double target = -0.0;
            double loop = target;
            for (int k = 0; k < count; k++)
            {
                loop += zeros[k] * ones[k];
            }

            target += SymGrad.Kernels.Dot(zeros, 0, ones, 0, count);

            Assert.Equal(BitConverter.DoubleToInt64Bits(loop), BitConverter.DoubleToInt64Bits(target));
        }

        [Fact]
        public void WherePartialSumsOverflowTheOrdersCanDisagreeAsDocumented()
        {
            double[] products = { 1e308, -1e308, 0, 0, 1e308, -1e308, 0, 0 };
            double[] ones = Enumerable.Repeat(1.0, products.Length).ToArray();
            double loop = 0.0;
            foreach (double p in products)
            {
                loop += p;
            }

            Assert.Equal(0.0, loop);
            Assert.True(double.IsNaN(SymGrad.Kernels.Dot(products, 0, ones, 0, products.Length)));
        }

        [Fact]
        public void SigmoidGivesTheBitsOfItsTwoBranchForm()
        {
            static double TwoBranches(double x) => x >= 0 ? 1.0 / (1.0 + Math.Exp(-x)) : Math.Exp(x) / (1.0 + Math.Exp(x));
            var random = new Random(3);
            var inputs = Enumerable.Range(0, 20000).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-60, 12)))
                .Concat(new[] { 0.0, -0.0, double.Epsilon, -double.Epsilon, 709.0, -709.0, 745.2, -745.2, 1e308, -1e308, double.PositiveInfinity, double.NegativeInfinity });
            foreach (double x in inputs)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(TwoBranches(x)), BitConverter.DoubleToInt64Bits(SymMath.Sigmoid(x)));
            }

            Assert.True(double.IsNaN(SymMath.Sigmoid(double.NaN)));
        }

        /// <summary>The order <see cref="SymGrad.Kernels.Dot"/> documents, one product at a time.</summary>
        private static double DocumentedOrder(double[] left, int leftStart, double[] right, int rightStart, int count)
        {
            if (count <= 0)
            {
                return -0.0;
            }

            var lanes = Enumerable.Repeat(-0.0, 16).ToArray();
            int k = 0;
            for (; k + 16 <= count; k += 16)
            {
                for (int lane = 0; lane < 16; lane++)
                {
                    lanes[lane] = Math.FusedMultiplyAdd(left[leftStart + k + lane], right[rightStart + k + lane], lanes[lane]);
                }
            }

            for (; k + 4 <= count; k += 4)
            {
                for (int lane = 0; lane < 4; lane++)
                {
                    lanes[lane] = Math.FusedMultiplyAdd(left[leftStart + k + lane], right[rightStart + k + lane], lanes[lane]);
                }
            }

            double tail = -0.0;
            for (; k < count; k++)
            {
                tail = Math.FusedMultiplyAdd(left[leftStart + k], right[rightStart + k], tail);
            }

            var group = new double[4];
            for (int lane = 0; lane < 4; lane++)
            {
                group[lane] = (lanes[lane] + lanes[4 + lane]) + (lanes[8 + lane] + lanes[12 + lane]);
            }

            return ((group[0] + group[1]) + (group[2] + group[3])) + tail;
        }
    }
}
