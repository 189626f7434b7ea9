using System;
using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// What generated row lanes rely on: <see cref="Lanes.Gather(ReadOnlySpan{double}, int, int)"/> and
    /// <see cref="Lanes.Scatter(Span{double}, int, int, Vector512{double})"/> read and write element start + l * stride of
    /// lane l, in <c>double</c> (8 lanes) and <c>float</c> (16), and throw where a row would index outside the array;
    /// <see cref="Lanes.PerRow(double[], int)"/> gives one zeroed vector per element over a rented buffer.
    /// </summary>
    public sealed class RowLanesTests
    {
        [Theory]
        [InlineData(0, 1)]
        [InlineData(3, 10)]
        [InlineData(75, 3)]
        [InlineData(5, 0)]
        public void GatherAndScatterMoveEveryStrideThElement(int start, int stride)
        {
            double[] values = Enumerable.Range(0, 100).Select(k => k + 0.25).ToArray();
            Vector512<double> lanes = Lanes.Gather(values, start, stride);
            Assert.Equal(Enumerable.Range(0, 8).Select(l => values[start + (l * stride)]), Enumerable.Range(0, 8).Select(l => lanes[l]));

            double[] into = new double[100];
            Lanes.Scatter(into, start, stride, Vector512.Create(1.0, 2, 3, 4, 5, 6, 7, 8));
            for (int l = 0; l < 8; l++)
            {
                // With stride 0 every lane writes the same element and the last lane's value stays, as a loop's would.
                Assert.Equal(stride == 0 ? 8.0 : l + 1.0, into[start + (l * stride)]);
            }

            Assert.Equal(stride == 0 ? 1 : 8, into.Count(v => v != 0));
        }

        [Theory]
        [InlineData(0, 1)]
        [InlineData(2, 6)]
        public void FloatGatherAndScatterMoveSixteenLanes(int start, int stride)
        {
            float[] values = Enumerable.Range(0, 100).Select(k => k + 0.5f).ToArray();
            Vector512<float> lanes = Lanes.Gather(values, start, stride);
            Assert.Equal(Enumerable.Range(0, 16).Select(l => values[start + (l * stride)]), Enumerable.Range(0, 16).Select(l => lanes[l]));

            float[] into = new float[100];
            Lanes.Scatter(into, start, stride, lanes);
            Assert.Equal(Enumerable.Range(0, 16).Select(l => values[start + (l * stride)]), Enumerable.Range(0, 16).Select(l => into[start + (l * stride)]));
            Assert.Equal(16, into.Count(v => v != 0));
        }

        [Theory]
        [InlineData(-1, 1)]
        [InlineData(10, 0)]
        [InlineData(3, 1)]
        [InlineData(0, 2)]
        [InlineData(5, -1)]
        [InlineData(int.MaxValue, 1)]
        [InlineData(1, int.MaxValue)]
        public void RowsThatLeaveTheArrayThrowAsTheLoopWould(int start, int stride)
        {
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Gather(new double[10], start, stride));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Scatter(new double[10], start, stride, Vector512<double>.Zero));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Gather(new float[10], start, stride));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Scatter(new float[10], start, stride, Vector512<float>.Zero));
        }

        [Fact]
        public unsafe void PerRowGivesOneZeroVectorPerElementFromA64ByteBoundary()
        {
            double[] buffer = Enumerable.Repeat(3.0, 40).ToArray();
            // Pinned first: a collection between PerRow and the check could move the buffer off its boundary.
            fixed (double* pinned = buffer)
            {
                Span<Vector512<double>> lanes = Lanes.PerRow(buffer, 4);
                Assert.Equal(4, lanes.Length);
                Assert.Equal(32, buffer.Count(v => v == 0));
                fixed (Vector512<double>* first = lanes)
                {
                    Assert.Equal(0, (long)first % 64);
                }
            }

            float[] singles = Enumerable.Repeat(3.0f, 48).ToArray();
            Span<Vector512<float>> singleLanes = Lanes.PerRow(singles, 2);
            Assert.Equal(2, singleLanes.Length);
            Assert.Equal(32, singles.Count(v => v == 0));

            // No room to move: the vectors start at the buffer's start; too small a buffer throws.
            double[] exact = Enumerable.Repeat(3.0, 16).ToArray();
            Assert.Equal(2, Lanes.PerRow(exact, 2).Length);
            Assert.True(exact.All(v => v == 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.PerRow(new double[15], 2));
        }

        [Fact]
        public void VectorMaxAndMinFollowMathMaxAndMinOnNaNAndSignedZeros()
        {
            // Row lanes print Math.Max and Math.Min as Vector512.Max and Min: the same IEEE maximum and minimum.
            double[] values = { double.NaN, -0.0, 0.0, 1.5, double.NegativeInfinity, double.PositiveInfinity };
            foreach (double a in values)
            {
                foreach (double b in values)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(Math.Max(a, b)), BitConverter.DoubleToInt64Bits(Vector512.Max(Vector512.Create(a), Vector512.Create(b))[3]));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(Math.Min(a, b)), BitConverter.DoubleToInt64Bits(Vector512.Min(Vector512.Create(a), Vector512.Create(b))[5]));
                    Assert.Equal(BitConverter.SingleToInt32Bits(MathF.Max((float)a, (float)b)), BitConverter.SingleToInt32Bits(Vector512.Max(Vector512.Create((float)a), Vector512.Create((float)b))[11]));
                }
            }
        }

        [Fact]
        public void AddSumsAddsEachVectorsLanesToItsElement()
        {
            double[] target = { 1, 2, -0.0 };
            Vector512<double>[] lanes = { Vector512.Create(1.0, 2, 3, 4, 5, 6, 7, 8), Vector512.Create(-0.0), Vector512.Create(-0.0) };
            Lanes.AddSums(target, lanes);
            Assert.Equal(new[] { 37.0, 2.0 }, target.Take(2));
            Assert.True(double.IsNegative(target[2]));
            Assert.Throws<ArgumentException>(() => Lanes.AddSums(new double[2], lanes));

            float[] singles = { 0.5f };
            Lanes.AddSums(singles, new[] { Vector512.Create(0.25f) });
            Assert.Equal(4.5f, singles[0]);
        }
    }
}
