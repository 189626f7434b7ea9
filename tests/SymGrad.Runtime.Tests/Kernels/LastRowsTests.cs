using System;
using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// What a generated row loop's last group (fewer rows than lanes) relies on: the reads with a count of rows read
    /// element start + l * stride for the rows' lanes and repeat the last row's in the lanes past it, read nothing past
    /// the last row (an array that ends there is enough), throw where a row would index outside the array, and
    /// <see cref="Lanes.FirstRows"/> sets exactly the rows' lanes.
    /// </summary>
    public sealed class LastRowsTests
    {
        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(7)]
        [InlineData(8)]
        public void DoubleReadsRepeatTheLastRowAndTheMaskCoversTheRows(int rows)
        {
            const int Start = 2, Stride = 3;
            double[] values = Enumerable.Range(0, Start + ((rows - 1) * Stride) + 1).Select(k => k + 0.5).ToArray();  // ends at the last row's element
            Vector512<double> gathered = Lanes.Gather(values, Start, Stride, rows);
            Vector512<double> loaded = Lanes.Load(values, values.Length - rows, rows);
            Vector512<long> ints = Lanes.GatherInts(values.Select(v => (int)v).ToArray(), Start, Stride, rows);
            Vector512<double> mask = Lanes.FirstRows(rows);

            // Inside a longer array the load reads a whole vector: the elements past the last row are not the lanes'.
            double[] longer = Enumerable.Range(0, Lanes.Count + 3).Select(k => k * 1.5).ToArray();
            Vector512<double> inside = Lanes.Load(longer, 2, rows);
            for (int l = 0; l < Lanes.Count; l++)
            {
                int row = Math.Min(l, rows - 1);
                Assert.Equal(longer[2 + row], inside[l]);
                Assert.Equal(values[Start + (row * Stride)], gathered[l]);
                Assert.Equal(values[values.Length - rows + row], loaded[l]);
                Assert.Equal((long)values[Start + (row * Stride)], ints[l]);
                Assert.Equal(l < rows ? -1L : 0L, mask.AsInt64()[l]);
            }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(9)]
        [InlineData(15)]
        [InlineData(16)]
        public void FloatReadsRepeatTheLastRowAndTheMaskCoversTheRows(int rows)
        {
            const int Start = 1, Stride = 2;
            float[] values = Enumerable.Range(0, Start + ((rows - 1) * Stride) + 1).Select(k => k + 0.25f).ToArray();
            Vector512<float> gathered = Lanes.Gather(values, Start, Stride, rows);
            Vector512<float> loaded = Lanes.Load(values, values.Length - rows, rows);
            Vector512<int> ints = Lanes.GatherSingleInts(values.Select(v => (int)v).ToArray(), Start, Stride, rows);
            Vector512<float> mask = Lanes.FirstSingleRows(rows);
            float[] longer = Enumerable.Range(0, Lanes.SingleCount + 3).Select(k => k * 1.5f).ToArray();
            Vector512<float> inside = Lanes.Load(longer, 3, rows);
            for (int l = 0; l < Lanes.SingleCount; l++)
            {
                int row = Math.Min(l, rows - 1);
                Assert.Equal(longer[3 + row], inside[l]);
                Assert.Equal(values[Start + (row * Stride)], gathered[l]);
                Assert.Equal(values[values.Length - rows + row], loaded[l]);
                Assert.Equal((int)values[Start + (row * Stride)], ints[l]);
                Assert.Equal(l < rows ? -1 : 0, mask.AsInt32()[l]);
            }
        }

        [Fact]
        public void ARowOutsideTheArrayOrACountOutsideTheLanesThrows()
        {
            double[] values = new double[10];
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Gather(values, 4, 3, 3));  // rows at 4, 7 and 10
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Load(values, 8, 3));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.GatherInts(new int[4], -1, 1, 2));
            Assert.Equal(9.0, Lanes.Load(Enumerable.Range(0, 10).Select(k => (double)k).ToArray(), 8, 2)[7]);
            Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.Gather(values, 0, 1, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.Load(values, 0, 9));
            Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.FirstRows(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.FirstSingleRows(17));
            Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.GatherSingleInts(new int[40], 0, 1, 17));
        }
    }
}
