using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// Row blocks (<see cref="Lanes.TransposeRows(ReadOnlySpan{float}, int, int, Span{Vector512{float}})"/>): every column
    /// of a block is, bit for bit, the gather it replaces, for whole groups and last groups of every size, rows wider and
    /// narrower than a vector, apart by their width, more, less or nothing, and arrays that end at the last row's last
    /// element; a block whose rows leave the array is empty, so its first read throws.
    /// </summary>
    public sealed class RowBlockTests
    {
        public static TheoryData<int, int> Shapes()
        {
            var data = new TheoryData<int, int>();
            foreach (int columns in new[] { 1, 2, 7, 8, 9, 10, 15, 16, 17, 31, 33, 40 })
            {
                foreach (int extra in new[] { 0, 3 })
                {
                    data.Add(columns, columns + extra);
                }
            }

            data.Add(5, 0);   // one row repeated
            data.Add(2, 0);
            data.Add(12, 4);  // rows that overlap
            data.Add(2, 1);
            data.Add(10, 4);
            return data;
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public void FloatColumnsAreTheGathersTheyReplace(int columns, int stride)
        {
            // With no element after the last row, and with 13: then the rows' vectors past the last whole run are read whole where they fit.
            foreach (int slack in new[] { 0, 13 })
            {
                for (int rows = 1; rows <= Lanes.SingleCount; rows++)
                {
                    int start = 3;
                    float[] array = Values(start + ((rows - 1) * stride) + columns + slack).Select(v => (float)v).ToArray();
                    // Two sentinel vectors after the block: nothing is written past its last column.
                    var storage = new Vector512<float>[columns + 2];
                    storage.AsSpan(columns).Fill(Vector512.Create((float)-7.5));
                    Span<Vector512<float>> block = storage.AsSpan(0, columns);
                    ReadOnlySpan<Vector512<float>> filled = rows == Lanes.SingleCount
                        ? Lanes.TransposeRows(array, start, stride, block)
                        : Lanes.TransposeRows(array, start, stride, block, rows);
                    Assert.Equal(columns, filled.Length);
                    Assert.Equal(Vector512.Create((float)-7.5), storage[columns]);
                    Assert.Equal(Vector512.Create((float)-7.5), storage[columns + 1]);
                    for (int e = 0; e < columns; e++)
                    {
                        Vector512<float> gathered = rows == Lanes.SingleCount ? Lanes.Gather(array, start + e, stride) : Lanes.Gather(array, start + e, stride, rows);
                        Assert.Equal(Bits(gathered), Bits(filled[e]));
                    }
                }
            }
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public void DoubleColumnsAreTheGathersTheyReplace(int columns, int stride)
        {
            // With no element after the last row, and with 13: then every row's vectors are read whole where they fit.
            foreach (int slack in new[] { 0, 13 })
            {
                for (int rows = 1; rows <= Lanes.Count; rows++)
                {
                    int start = 2;
                    double[] array = Values(start + ((rows - 1) * stride) + columns + slack);
                    // Two sentinel vectors after the block: nothing is written past its last column.
                    var storage = new Vector512<double>[columns + 2];
                    storage.AsSpan(columns).Fill(Vector512.Create((double)-7.5));
                    Span<Vector512<double>> block = storage.AsSpan(0, columns);
                    ReadOnlySpan<Vector512<double>> filled = rows == Lanes.Count
                        ? Lanes.TransposeRows(array, start, stride, block)
                        : Lanes.TransposeRows(array, start, stride, block, rows);
                    Assert.Equal(columns, filled.Length);
                    Assert.Equal(Vector512.Create((double)-7.5), storage[columns]);
                    Assert.Equal(Vector512.Create((double)-7.5), storage[columns + 1]);
                    for (int e = 0; e < columns; e++)
                    {
                        Vector512<double> gathered = rows == Lanes.Count ? Lanes.Gather(array, start + e, stride) : Lanes.Gather(array, start + e, stride, rows);
                        Assert.Equal(Bits(gathered), Bits(filled[e]));
                    }
                }
            }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(10)]
        public void RowsCountedDownAreTheGathersTheyReplace(int columns)
        {
            // Row l at start - 12 l, the rows in the other order: one or two columns read in registers (LastColumns), ten
            // through the vectors on the stack.
            for (int rows = 1; rows <= Lanes.Count; rows++)
            {
                int start = 12 * (rows - 1);
                double[] array = Values(start + columns);
                var block = new Vector512<double>[columns];
                ReadOnlySpan<Vector512<double>> filled = rows == Lanes.Count ? Lanes.TransposeRows(array, start, -12, block) : Lanes.TransposeRows(array, start, -12, block, rows);
                Assert.Equal(columns, filled.Length);
                for (int e = 0; e < columns; e++)
                {
                    for (int l = 0; l < Lanes.Count; l++)
                    {
                        Assert.Equal(BitConverter.DoubleToInt64Bits(array[start - (12 * Math.Min(l, rows - 1)) + e]), BitConverter.DoubleToInt64Bits(filled[e].GetElement(l)));
                    }
                }
            }
        }

        [Theory]
        [InlineData(3)]
        [InlineData(8)]
        [InlineData(10)]
        [InlineData(17)]
        public void RowsCountedDownWithRoomAfterThemAreTheGathersTheyReplace(int columns)
        {
            // Row l at start - 20 l with elements after row 0 (the row furthest along the array): the 256-bit transposes
            // without AVX-512 read every row's vectors whole, the last partial run included, in both types.
            foreach (int slack in new[] { 0, 13 })
            {
                for (int rows = 1; rows <= Lanes.SingleCount; rows++)
                {
                    int start = 20 * (rows - 1);
                    double[] array = Values(start + columns + slack);
                    float[] singles = array.Select(v => (float)v).ToArray();
                    var singleBlock = new Vector512<float>[columns];
                    ReadOnlySpan<Vector512<float>> singleFilled = Lanes.TransposeRows(singles, start, -20, singleBlock, rows);
                    for (int e = 0; e < columns; e++)
                    {
                        for (int l = 0; l < Lanes.SingleCount; l++)
                        {
                            Assert.Equal(BitConverter.SingleToInt32Bits(singles[start - (20 * Math.Min(l, rows - 1)) + e]), BitConverter.SingleToInt32Bits(singleFilled[e].GetElement(l)));
                        }
                    }

                    if (rows > Lanes.Count)
                    {
                        continue;
                    }

                    var block = new Vector512<double>[columns];
                    ReadOnlySpan<Vector512<double>> filled = Lanes.TransposeRows(array, start, -20, block, rows);
                    for (int e = 0; e < columns; e++)
                    {
                        for (int l = 0; l < Lanes.Count; l++)
                        {
                            Assert.Equal(BitConverter.DoubleToInt64Bits(array[start - (20 * Math.Min(l, rows - 1)) + e]), BitConverter.DoubleToInt64Bits(filled[e].GetElement(l)));
                        }
                    }
                }
            }
        }

        [Fact]
        public void SpecialValuesKeepTheirBits()
        {
            float[] specials = { float.NaN, -0.0f, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -float.Epsilon, float.MaxValue, 1.5f };
            float[] array = Enumerable.Range(0, 16 * 9).Select(k => specials[k % specials.Length]).ToArray();
            var block = new Vector512<float>[9];
            ReadOnlySpan<Vector512<float>> filled = Lanes.TransposeRows(array, 0, 9, block);
            for (int e = 0; e < 9; e++)
            {
                Assert.Equal(Bits(Lanes.Gather(array, e, 9)), Bits(filled[e]));
            }
        }

        [Fact]
        public void ABlockWhoseRowsLeaveTheArrayIsEmpty()
        {
            float[] array = Values(16 * 10 - 1).Select(v => (float)v).ToArray();  // the last row is one element short
            var block = new Vector512<float>[10];
            Assert.Equal(0, Lanes.TransposeRows(array, 0, 10, block).Length);
            Assert.Equal(0, Lanes.TransposeRows(array, -1, 10, block, 3).Length);
            Assert.Equal(0, Lanes.TransposeRows(array, 10, -20, block).Length);  // rows counted down past the start

            // Its reads throw as the loop's read outside the array does.
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.TransposeRows(array, 0, 10, block)[0]);
            Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.TransposeRows(array, 0, 10, block, 17));
            Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.TransposeRows(array, 0, 10, block, 0));
        }

        private static int[] Bits(Vector512<float> value) => Enumerable.Range(0, Vector512<float>.Count).Select(l => BitConverter.SingleToInt32Bits(value[l])).ToArray();

        private static long[] Bits(Vector512<double> value) => Enumerable.Range(0, Vector512<double>.Count).Select(l => BitConverter.DoubleToInt64Bits(value[l])).ToArray();

        private static double[] Values(int count)
        {
            var random = new Random(count);
            return Enumerable.Range(0, count).Select(_ => random.NextDouble() - 0.5).ToArray();
        }
    }
}
