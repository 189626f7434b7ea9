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
        public void PerRowGivesOneZeroVectorPerElement()
        {
            double[] buffer = Enumerable.Repeat(3.0, 40).ToArray();
            Span<Vector512<double>> lanes = Lanes.PerRow(buffer, 4);
            Assert.Equal(4, lanes.Length);
            Assert.True(buffer.Take(32).All(v => v == 0) && buffer.Skip(32).All(v => v == 3.0));

            float[] singles = Enumerable.Repeat(3.0f, 32).ToArray();
            Assert.Equal(2, Lanes.PerRow(singles, 2).Length);
            Assert.True(singles.All(v => v == 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.PerRow(new double[15], 2));
        }
    }
}
