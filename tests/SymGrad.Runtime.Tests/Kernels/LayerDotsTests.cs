using System;
using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;
using static SymGrad.Runtime.Tests.Kernels.LaneVectors;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// <c>Lanes.Dots</c>, a layer's dots before its loop: each c's element against the loop's running sum in the row lanes'
    /// four partial sums (element j into sum j mod 4 while four remain, the rest into the first, then (p0 + p1) + (p2 + p3)),
    /// bit for bit, for counts around the unrolled step, odd and even numbers of rows (the pairs and the last row alone),
    /// both directions and both precisions; elements the loop does not reach are left as they were; runs outside an array
    /// throw and write nothing.
    /// </summary>
    public sealed class LayerDotsTests
    {
        [Theory]
        [InlineData(0, 1, 10)]
        [InlineData(9, -1, 10)]
        [InlineData(2, 1, 5)]
        [InlineData(6, -1, 3)]
        [InlineData(4, 1, 1)]
        [InlineData(3, 1, 0)]
        public void EachRowIsTheLoopsRunningSum(int first, int step, int iterations)
        {
            foreach (int count in new[] { 0, 1, 3, 4, 5, 7, 8, 9, 32 })
            {
                int rowStride = count + 3;
                Vector512<double>[] destination = Rows(10, seed: 21), lanes = Rows(count + 2, seed: 22);
                double[] matrix = Values(5 + (10 * rowStride), seed: 23);
                Vector512<double>[] expected = (Vector512<double>[])destination.Clone();
                for (int t = 0, c = first; t < iterations; t++, c += step)
                {
                    Vector512<double>[] parts = Enumerable.Repeat(Vector512.Create(-0.0), 4).ToArray();
                    for (int j = 0; j < count; j++)
                    {
                        parts[j < count / 4 * 4 ? j % 4 : 0] += Vector512.Create(matrix[5 + (c * rowStride) + j]) * lanes[2 + j];
                    }

                    expected[c] = (parts[0] + parts[1]) + (parts[2] + parts[3]);
                }

                Lanes.Dots(destination, first, step, iterations, matrix, 5, rowStride, lanes, 2, count);
                AssertSameBits(expected, destination);
            }
        }

        [Theory]
        [InlineData(10)]
        [InlineData(7)]
        public void FloatDotsAreEachRowsDot(int rows)
        {
            const int count = 13;
            Vector512<float>[] destination = SingleRows(rows + 1, seed: 24), lanes = SingleRows(count, seed: 25);
            float[] matrix = Values(rows * count, seed: 26).Select(v => (float)v).ToArray();
            Vector512<float> untouched = destination[rows];
            Lanes.Dots(destination, 0, 1, rows, matrix, 0, count, lanes, 0, count);
            for (int c = 0; c < rows; c++)
            {
                Assert.Equal(Bits(Lanes.Dot(matrix, c * count, lanes, 0, count)), Bits(destination[c]));
            }

            Assert.Equal(Bits(untouched), Bits(destination[rows]));
        }

        [Fact]
        public void RowsReadBackwardsAreEachRowsDot()
        {
            // Row c at (3 - c) * 9 + 2: a negative stride from the offset of c = 0.
            const int count = 9;
            Vector512<double>[] destination = Rows(4, seed: 30), lanes = Rows(count, seed: 31);
            double[] matrix = Values(40, seed: 32);
            Lanes.Dots(destination, 0, 1, 4, matrix, 29, -count, lanes, 0, count);
            Vector512<double>[] expected = Enumerable.Range(0, 4).Select(c => Lanes.Dot(matrix, 29 - (c * count), lanes, 0, count)).ToArray();
            AssertSameBits(expected, destination);
        }

        [Fact]
        public void NoProductsWriteTheEmptySumWhateverTheMatrixAndLanes()
        {
            // A count of zero or less reads neither the matrix nor the lanes (Dot does not either); no rows write nothing.
            Vector512<double>[] destination = Rows(3, seed: 33);
            Lanes.Dots(destination, 2, -1, 3, Array.Empty<double>(), -7, 5, Array.Empty<Vector512<double>>(), -1, -2);
            AssertSameBits(Enumerable.Repeat(Vector512.Create(-0.0), 3).ToArray(), destination);
            Vector512<double>[] before = Rows(3, seed: 34), untouched = (Vector512<double>[])before.Clone();
            Lanes.Dots(before, 9, 1, 0, Array.Empty<double>(), 0, 1, Array.Empty<Vector512<double>>(), 0, 4);
            AssertSameBits(untouched, before);
        }

        [Fact]
        public void RunsOutsideTheirArraysThrowAndWriteNothing()
        {
            Vector512<double>[] destination = Rows(4, seed: 27), lanes = Rows(3, seed: 28);
            double[] matrix = Values(12, seed: 29);
            Vector512<double>[] before = (Vector512<double>[])destination.Clone();

            // Row 4 of four; a matrix row past its end (c = 3 from 3 * 3 + 1); lanes past their end; a step of 2; a row before 0.
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Dots(destination, 4, -1, 2, matrix, 0, 3, lanes, 0, 3));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Dots(destination, 0, 1, 4, matrix, 1, 3, lanes, 0, 3));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Dots(destination, 0, 1, 2, matrix, 0, 3, lanes, 1, 3));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Dots(destination, 0, 2, 2, matrix, 0, 3, lanes, 0, 3));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Dots(destination, 1, -1, 3, matrix, 0, 3, lanes, 0, 3));

            // Lanes from before their start; the last row's matrix offset below 0 (a negative stride) while the first is inside.
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Dots(destination, 0, 1, 2, matrix, 0, 3, lanes, -1, 3));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Dots(destination, 0, 1, 3, matrix, 3, -3, lanes, 0, 3));
            AssertSameBits(before, destination);
        }
    }
}
