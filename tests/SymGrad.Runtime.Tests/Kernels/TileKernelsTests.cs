using System;
using System.Linq;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// <see cref="SymGrad.Kernels.DotTile(ReadOnlySpan{double}, int, int, int, ReadOnlySpan{double}, int, int, int, int, Span{double})"/>
    /// and <see cref="SymGrad.Kernels.AddScaledTile(Span{double}, int, int, int, ReadOnlySpan{double}, ReadOnlySpan{double}, int, int, int, int)"/>
    /// give the bits of their documented orders (emulated here one product at a time) for every register block, wide and
    /// halved, and its edges: row counts 1 to 9 around the blocks of 4 and 2, lengths around the 8-lane (16 for float) block, strides that are
    /// longer than a row, equal to it, zero and negative; and throw where the loops would index outside.
    /// </summary>
    public sealed class TileKernelsTests
    {
        public static TheoryData<int> Lengths() => new() { 0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65, 100, 129, 200 };

        /// <summary>Every length with both register-block shapes: the wide blocks AVX-512 machines run and the halved ones of the others.</summary>
        public static TheoryData<int, bool> LengthsAndBlocks()
        {
            var data = new TheoryData<int, bool>();
            foreach (int length in Lengths())
            {
                data.Add(length, true);
                data.Add(length, false);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(LengthsAndBlocks))]
        public void DotTileGivesItsDocumentedOrder(int length, bool wideBlocks)
        {
            var random = new Random(length + 3);
            foreach ((int rows, int columns) in new[] { (1, 1), (1, 4), (1, 5), (3, 7), (4, 2), (4, 3), (5, 9), (9, 4), (1, 32), (3, 32), (2, 33) })
            {
                int leftStride = length + 3, rightStride = length + 1;
                double[] left = Values(random, 2 + (rows * leftStride) + length);
                double[] right = Values(random, 1 + (columns * rightStride) + length);
                double[] dots = Enumerable.Repeat(double.NaN, (rows * columns) + 2).ToArray();
                SymGrad.TileKernels<double>.Dots(left, 2, leftStride, rows, right, 1, rightStride, columns, length, dots, wideBlocks);
                for (int c = 0; c < columns; c++)
                {
                    for (int r = 0; r < rows; r++)
                    {
                        double expected = DocumentedDot(left, 2 + (r * leftStride), right, 1 + (c * rightStride), length, 8);
                        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(dots[(c * rows) + r]));
                    }
                }

                Assert.True(double.IsNaN(dots[rows * columns]), "DotTile wrote past its products.");
            }
        }

        [Theory]
        [MemberData(nameof(LengthsAndBlocks))]
        public void TheLastBlocksLanesPastTheLengthKeepTheirNegativeZero(int length, bool wideBlocks)
        {
            // Products of -0.0 only: every lane stays -0.0 and so does the sum, as the loop's z += -0.0 leaves -0.0. A
            // fused multiply-add of the last block's zeroed lanes would turn those lanes into +0.0, and the sum with them.
            foreach ((int rows, int columns) in new[] { (1, 1), (1, 4), (1, 8), (2, 2), (4, 2), (5, 9) })
            {
                double[] left = Enumerable.Repeat(-0.0, rows * length).ToArray();
                double[] right = Enumerable.Repeat(1.0, columns * length).ToArray();
                double[] dots = new double[rows * columns];
                SymGrad.TileKernels<double>.Dots(left, 0, length, rows, right, 0, length, columns, length, dots, wideBlocks);
                Assert.All(dots, d => Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(d)));
                float[] singleLeft = Enumerable.Repeat(-0.0f, rows * length).ToArray();
                float[] singleRight = Enumerable.Repeat(1.0f, columns * length).ToArray();
                float[] singleDots = new float[rows * columns];
                SymGrad.TileKernels<float>.Dots(singleLeft, 0, length, rows, singleRight, 0, length, columns, length, singleDots, wideBlocks);
                Assert.All(singleDots, d => Assert.Equal(BitConverter.SingleToInt32Bits(-0.0f), BitConverter.SingleToInt32Bits(d)));
            }
        }

        [Theory]
        [MemberData(nameof(LengthsAndBlocks))]
        public void FloatDotTileGivesItsDocumentedOrder(int length, bool wideBlocks)
        {
            var random = new Random(length + 5);
            foreach ((int rows, int columns) in new[] { (1, 4), (1, 8), (1, 17), (4, 2), (5, 3), (5, 9), (6, 5), (3, 32), (2, 33) })
            {
                float[] left = Values(random, (rows * length) + 1).Select(v => (float)v).ToArray();
                float[] right = Values(random, columns * length).Select(v => (float)v).ToArray();
                float[] dots = new float[rows * columns];
                SymGrad.TileKernels<float>.Dots(left, 1, length, rows, right, 0, length, columns, length, dots, wideBlocks);
                for (int c = 0; c < columns; c++)
                {
                    for (int r = 0; r < rows; r++)
                    {
                        float expected = DocumentedSingleDot(left, 1 + (r * length), right, c * length, length);
                        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(dots[(c * rows) + r]));
                    }
                }
            }
        }

        [Theory]
        [MemberData(nameof(LengthsAndBlocks))]
        public void TheLastBlockReadInPlaceIgnoresWhatFollowsTheRows(int length, bool wideBlocks)
        {
            // One left row by eight right rows with NaN or an infinity in the nine elements after each row but the last,
            // which ends the array. Without AVX-512 the first four rows' last block is read in place, those elements in
            // its lanes past the length, and the last four rows' by masked loads (their halves would leave the array).
            // The elements read past a row must not reach the sums (a product with the left row's zeroed lanes would be
            // NaN), and lanes past the length keep their -0.0.
            var random = new Random(length + 11);
            foreach (float gap in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
            {
                int stride = length + 9;
                float[] left = Values(random, length).Select(v => (float)v).ToArray();
                float[] right = Values(random, (7 * stride) + length).Select(v => (float)v).ToArray();
                for (int c = 0; c < 7; c++)
                {
                    right.AsSpan((c * stride) + length, 9).Fill(gap);
                }

                double[] doubleLeft = left.Select(v => (double)v).ToArray();
                double[] doubleRight = right.Select(v => (double)v).ToArray();
                float[] dots = new float[8];
                double[] doubleDots = new double[8];
                SymGrad.TileKernels<float>.Dots(left, 0, length, 1, right, 0, stride, 8, length, dots, wideBlocks);
                SymGrad.TileKernels<double>.Dots(doubleLeft, 0, length, 1, doubleRight, 0, stride, 8, length, doubleDots, wideBlocks);
                for (int c = 0; c < 8; c++)
                {
                    Assert.Equal(BitConverter.SingleToInt32Bits(DocumentedSingleDot(left, 0, right, c * stride, length)), BitConverter.SingleToInt32Bits(dots[c]));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(DocumentedDot(doubleLeft, 0, doubleRight, c * stride, length, 8)), BitConverter.DoubleToInt64Bits(doubleDots[c]));
                }

                float[] ones = right.Select(v => float.IsFinite(v) ? 1.0f : v).ToArray();
                SymGrad.TileKernels<float>.Dots(Enumerable.Repeat(-0.0f, length).ToArray(), 0, length, 1, ones, 0, stride, 8, length, dots, wideBlocks);
                Assert.All(dots, d => Assert.Equal(BitConverter.SingleToInt32Bits(-0.0f), BitConverter.SingleToInt32Bits(d)));
                SymGrad.TileKernels<double>.Dots(Enumerable.Repeat(-0.0, length).ToArray(), 0, length, 1, ones.Select(v => (double)v).ToArray(), 0, stride, 8, length, doubleDots, wideBlocks);
                Assert.All(doubleDots, d => Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(d)));
            }
        }

        [Theory]
        [MemberData(nameof(LengthsAndBlocks))]
        public void OneLeftRowByRightRowsCountedDownOrRepeated(int length, bool wideBlocks)
        {
            // Right rows at a negative stride (from the last row's start, counted down to the array's first row) and at
            // a stride of zero (one row eight times): each product in the documented order.
            var random = new Random(length + 13);
            int stride = length + 2;
            double[] left = Values(random, length);
            double[] right = Values(random, (7 * stride) + length);
            float[] singleLeft = left.Select(v => (float)v).ToArray();
            float[] singleRight = right.Select(v => (float)v).ToArray();
            foreach ((int start, int step) in new[] { (7 * stride, -stride), (3 * stride, 0) })
            {
                double[] dots = new double[8];
                float[] singleDots = new float[8];
                SymGrad.TileKernels<double>.Dots(left, 0, length, 1, right, start, step, 8, length, dots, wideBlocks);
                SymGrad.TileKernels<float>.Dots(singleLeft, 0, length, 1, singleRight, start, step, 8, length, singleDots, wideBlocks);
                for (int c = 0; c < 8; c++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(DocumentedDot(left, 0, right, start + (c * step), length, 8)), BitConverter.DoubleToInt64Bits(dots[c]));
                    Assert.Equal(BitConverter.SingleToInt32Bits(DocumentedSingleDot(singleLeft, 0, singleRight, start + (c * step), length)), BitConverter.SingleToInt32Bits(singleDots[c]));
                }
            }
        }

        [Theory]
        [MemberData(nameof(LengthsAndBlocks))]
        public void TransposedDotTileSumsEachProductInOrderOfItsElements(int length, bool wideBlocks)
        {
            // The row lanes' layout, product (r, c) at r * TileSize + c, with lanes along the tile's rows: every product is
            // the fused multiply-adds of k = 0 .. length - 1 in order, from -0.0, whether the rows go through the column
            // table and its register blocks of four, two and one left rows (wide: AVX-512; a tile of fewer than 32 rows
            // through the small table of products, one of at most eight rows and 64 elements as one vector per element;
            // rows longer than a chunk of 64 continuing from the sums stored) or
            // through its 256-bit form (not wide, or no AVX-512: blocks of two and one left rows by sixteen right rows,
            // one pass for a tile of up to sixteen rows), with groups of rows whole or not, a row's last block loaded
            // whole or (at the end of the array) element by element, and rows counted down.
            const int T = SymGrad.Kernels.TileSize;
            var random = new Random(length + 11);
            foreach ((int rows, int columns, int rightStride) in new[] { (1, 1, length + 2), (3, 7, length + 2), (4, 8, length), (10, 4, length), (5, 9, length + 2), (10, 16, length), (9, T, length + 2), (2, T - 1, length), (33, 24, length + 1), (2, 8, -(length + 1)), (7, 3, -(length + 1)), (16, 5, length + 2), (6, 2, length), (19, 7, -length) })
            {
                double[] left = Values(random, (rows * (length + 1)) + 1);
                int rightStart = rightStride < 0 ? (columns - 1) * -rightStride : 0;
                double[] right = Values(random, rightStart + Math.Max(0, (columns - 1) * rightStride) + length); // ends where the last row ends
                double[] transposed = Enumerable.Repeat(double.NaN, (rows * T) + 1).ToArray();
                SymGrad.TileKernels<double>.Dots(left, 1, length + 1, rows, right, rightStart, rightStride, columns, length, transposed, wideBlocks, transposed: true);
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < T; c++)
                    {
                        double expected = c < columns ? InOrderDot(left, 1 + (r * (length + 1)), right, rightStart + (c * rightStride), length) : double.NaN;
                        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(transposed[(r * T) + c]));
                    }
                }

                Assert.True(double.IsNaN(transposed[rows * T]), "DotTileTransposed wrote past its products.");
            }
        }

        [Theory]
        [MemberData(nameof(LengthsAndBlocks))]
        public void TransposedTilesKeepTheirDocumentedOrders(int length, bool wideBlocks)
        {
            // The float products in the row lanes' layout (product (r, c) at r * TileSize + c): lanes along the tile's
            // rows, sixteen to a vector, every product the fused multiply-adds of its elements in order from -0.0, whether
            // the rows go through the column table (wide: AVX-512; blocks of eight, four, two and one left rows, chunks of
            // 128 elements, groups of sixteen rows transposed in registers, fewer rows or elements element by element) or
            // through its 256-bit form (blocks of two and one left rows by the tile's 32 rows, groups of eight rows
            // transposed eight by eight in registers); rows counted down too.
            // Both types' updates (scale (d, s) at d * TileSize + s): the same sums in the same order as the plain layout.
            const int T = SymGrad.Kernels.TileSize;
            var random = new Random(length + 13);
            foreach ((int rows, int columns, int rightStride) in new[] { (1, 1, length + 2), (3, 7, length + 2), (4, 2, length + 2), (5, 9, length + 2), (9, T, length + 2), (2, T - 1, length + 2), (10, T, length), (7, 17, length + 2), (33, 16, length + 1), (3, 24, length), (2, T, -(length + 1)) })
            {
                float[] left = Values(random, (rows * (length + 1)) + 1).Select(v => (float)v).ToArray();
                int rightStart = rightStride < 0 ? (columns - 1) * -rightStride : 0;
                float[] right = Values(random, rightStart + Math.Max(0, (columns - 1) * rightStride) + length).Select(v => (float)v).ToArray();  // ends where the last row ends
                float[] transposed = Enumerable.Repeat(float.NaN, (rows * T) + 1).ToArray();
                SymGrad.TileKernels<float>.Dots(left, 1, length + 1, rows, right, rightStart, rightStride, columns, length, transposed, wideBlocks, transposed: true);
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < T; c++)
                    {
                        float product = c < columns ? InOrderSingleDot(left, 1 + (r * (length + 1)), right, rightStart + (c * rightStride), length) : float.NaN;
                        Assert.Equal(BitConverter.SingleToInt32Bits(product), BitConverter.SingleToInt32Bits(transposed[(r * T) + c]));
                    }
                }

                Assert.True(float.IsNaN(transposed[rows * T]), "DotTileTransposed wrote past its products.");

                // The deferred updates: destination rows are the left rows, source rows the right rows.
                double[] sources = Values(random, (columns * (length + 2)) + 1);
                double[] scales = Values(random, rows * columns);
                double[] scalesByRow = new double[rows * T];
                for (int d = 0; d < rows; d++)
                {
                    for (int c = 0; c < columns; c++)
                    {
                        scalesByRow[(d * T) + c] = scales[(c * rows) + d];
                    }
                }

                double[] expected = Values(random, (rows * (length + 3)) + 2);
                double[] actual = (double[])expected.Clone();
                SymGrad.TileKernels<double>.AddScaled(expected, 2, length + 3, rows, scales, sources, 0, length + 2, columns, length, wideBlocks);
                SymGrad.TileKernels<double>.AddScaled(actual, 2, length + 3, rows, scalesByRow, sources, 0, length + 2, columns, length, wideBlocks, transposed: true);
                Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
            }
        }

        [Fact]
        public void TransposedTilesTakeAtMostATileOfRows()
        {
            const int T = SymGrad.Kernels.TileSize;
            Assert.Throws<ArgumentException>(() => SymGrad.Kernels.DotTileTransposed(new double[4], 0, 2, 2, new double[200], 0, 2, T + 1, 2, new double[2 * T]));
            Assert.Throws<ArgumentException>(() => SymGrad.Kernels.DotTileTransposed(new double[4], 0, 2, 2, new double[20], 0, 2, 3, 2, new double[T + 2]));
            Assert.Throws<ArgumentException>(() => SymGrad.Kernels.AddScaledTileTransposed(new double[4], 0, 2, 2, new double[2 * T], new double[200], 0, 2, T + 1, 2));
            float[] dots = Enumerable.Repeat(float.NaN, T + 3).ToArray();
            SymGrad.Kernels.DotTileTransposed(new float[] { 1, 2, 3, 4 }, 0, 2, 2, new float[] { 1, 1, 2, 2, 3, 3 }, 0, 2, 3, 0, dots);
            Assert.Equal(new[] { -0.0f, -0.0f, -0.0f }, dots.Take(3));
            Assert.Equal(new[] { -0.0f, -0.0f, -0.0f }, dots.Skip(T).Take(3));
            Assert.True(float.IsNaN(dots[3]) && float.IsNaN(dots[T - 1]));
            SymGrad.Kernels.DotTileTransposed(new float[] { 1, 2, 3, 4 }, 0, 2, 2, new float[] { 1, 1, 2, 2, 3, 3 }, 0, 2, 3, 2, dots);
            Assert.Equal(new[] { 3f, 6f, 9f }, dots.Take(3));
            Assert.Equal(new[] { 7f, 14f, 21f }, dots.Skip(T).Take(3));
        }

        [Fact]
        public void DotTileWithAStrideOfZeroRepeatsOneRow()
        {
            double[] weights = { 0.5, -1.25, 2.0 };
            double[] rows = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
            double[] dots = new double[3];
            SymGrad.Kernels.DotTile(weights, 0, 0, 1, rows, 0, 3, 3, 3, dots);
            Assert.Equal(new[] { (0.5 * 1) - (1.25 * 2) + (2.0 * 3), (0.5 * 4) - (1.25 * 5) + (2.0 * 6), (0.5 * 7) - (1.25 * 8) + (2.0 * 9) }, dots);
        }

        [Fact]
        public void AnEmptyDotIsNegativeZero()
        {
            double[] dots = { 1, 1, 1, 1 };
            SymGrad.Kernels.DotTile(new double[3], 0, 1, 2, new double[3], 0, 1, 2, 0, dots);
            Assert.All(dots, d => Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(d)));
        }

        [Fact]
        public void DotTileThrowsWhereTheLoopWouldIndexOutside()
        {
            double[] dots = new double[8];
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.DotTile(new double[20], 0, 5, 4, new double[10], 0, 5, 2, 6, dots));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.DotTile(new double[20], 14, -5, 4, new double[10], 0, 5, 2, 5, dots));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.DotTile(new double[20], 0, 5, 4, new double[10], -1, 5, 2, 5, dots));
            Assert.Throws<ArgumentException>(() => SymGrad.Kernels.DotTile(new double[20], 0, 5, 4, new double[10], 0, 5, 2, 5, new double[7]));
            SymGrad.Kernels.DotTile(new double[20], 15, -5, 4, new double[10], 0, 5, 2, 5, dots); // rows 15, 10, 5, 0: inside
        }

        [Theory]
        [MemberData(nameof(LengthsAndBlocks))]
        public void AddScaledTileGivesEachElementsSumInSourceOrder(int length, bool wideBlocks)
        {
            var random = new Random(length + 7);
            foreach ((int rows, int sources) in new[] { (1, 1), (1, 3), (3, 2), (4, 1), (4, 5), (5, 4), (8, 3), (9, 3), (10, 32), (10, 4), (11, 32), (12, 7), (13, 5), (7, 33), (2, 31), (6, 32), (17, 5), (24, 32), (15, 2), (1, 63), (1, 64), (1, 65), (5, 64), (3, 65) })
            {
                int destinationStride = length + 2, sourceStride = length + 4;
                double[] destination = Values(random, 3 + (rows * destinationStride) + length);
                double[] source = Values(random, (sources * sourceStride) + length);
                double[] scales = Values(random, rows * sources);
                double[] expected = (double[])destination.Clone();
                for (int d = 0; d < rows; d++)
                {
                    for (int k = 0; k < length; k++)
                    {
                        double sum = -0.0;
                        for (int s = 0; s < sources; s++)
                        {
                            sum = Math.FusedMultiplyAdd(scales[(s * rows) + d], source[(s * sourceStride) + k], sum);
                        }

                        expected[3 + (d * destinationStride) + k] += sum;
                    }
                }

                SymGrad.TileKernels<double>.AddScaled(destination, 3, destinationStride, rows, scales, source, 0, sourceStride, sources, length, wideBlocks);
                Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), destination.Select(BitConverter.DoubleToInt64Bits));
            }
        }

        /// <summary>
        /// One destination row (logistic regression's gradient) takes its tail in its first block when every source's
        /// last vector lies inside the array, else from the table: both give each element's sum in source order, for
        /// up to a long tile's sources (<c>Kernels.LongTileSize</c>, the table's rows) and past it (no table), with the
        /// wide blocks and with the narrow ones (without AVX-512: the last five or six vectors in one pass with a short
        /// tail beside them, 41 to 55 in <c>double</c> and 81 to 111 in <c>float</c>, or the tail in a pass of its own).
        /// </summary>
        [Theory]
        [InlineData(33, true)]
        [InlineData(35, true)]
        [InlineData(63, true)]
        [InlineData(71, true)]
        [InlineData(100, true)]
        [InlineData(130, true)]
        [InlineData(20, false)]
        [InlineData(35, false)]
        [InlineData(43, false)]
        [InlineData(46, false)]
        [InlineData(53, false)]
        [InlineData(84, false)]
        [InlineData(100, false)]
        [InlineData(106, false)]
        [InlineData(130, false)]
        public void OneDestinationRowGivesEachElementsSumInSourceOrderWithItsTailInsideOrAtTheEnd(int length, bool wideBlocks)
        {
            var random = new Random(length + 11);
            foreach (int sources in new[] { 1, 2, 7, 32, SymGrad.Kernels.LongTileSize - 1, SymGrad.Kernels.LongTileSize, SymGrad.Kernels.LongTileSize + 1 })
            {
                foreach (int room in new[] { 0, 3, 8, 13, 16 }) // float reads its tail in place from 16 - tail of room
                {
                    int sourceStride = length + 1;
                    double[] destination = Values(random, length + 2);
                    double[] source = Values(random, ((sources - 1) * sourceStride) + length + room);
                    double[] scales = Values(random, sources);
                    double[] expected = (double[])destination.Clone();
                    float[] singleDestination = destination.Select(v => (float)v).ToArray();
                    float[] singleSource = source.Select(v => (float)v).ToArray();
                    float[] singleScales = scales.Select(v => (float)v).ToArray();
                    float[] singleExpected = (float[])singleDestination.Clone();
                    for (int k = 0; k < length; k++)
                    {
                        double sum = -0.0;
                        float singleSum = -0.0f;
                        for (int s = 0; s < sources; s++)
                        {
                            sum = Math.FusedMultiplyAdd(scales[s], source[(s * sourceStride) + k], sum);
                            singleSum = MathF.FusedMultiplyAdd(singleScales[s], singleSource[(s * sourceStride) + k], singleSum);
                        }

                        expected[1 + k] += sum;
                        singleExpected[1 + k] += singleSum;
                    }

                    SymGrad.TileKernels<double>.AddScaled(destination, 1, length, 1, scales, source, 0, sourceStride, sources, length, wideBlocks);
                    SymGrad.TileKernels<float>.AddScaled(singleDestination, 1, length, 1, singleScales, singleSource, 0, sourceStride, sources, length, wideBlocks);
                    Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), destination.Select(BitConverter.DoubleToInt64Bits));
                    Assert.Equal(singleExpected.Select(BitConverter.SingleToInt32Bits), singleDestination.Select(BitConverter.SingleToInt32Bits));
                }
            }
        }

        [Theory]
        [InlineData(2 * 104 + 100, 104, 3, 96, false)]  // the last row's vector ends 4 past the array
        [InlineData(2 * 104 + 104, 104, 3, 96, true)]   // it ends at the array's end
        [InlineData(104, 0, 5, 96, true)]               // one row repeated
        [InlineData(100, 0, 5, 96, false)]
        [InlineData(10_000, -104, 3, 96, false)]        // counted down: the first row is last in memory
        public void TheTailIsReadInPlaceOnlyWhereEveryRowsVectorIsInside(long available, int stride, int count, int whole, bool inside) =>
            Assert.Equal(inside, SymGrad.TileKernels<double>.TailsInside(available, stride, count, whole));

        /// <summary>
        /// Rows counted down (a negative source stride): the first source row is the last in memory, at the array's end,
        /// so its last vector cannot be read in place; the one-row update must still give each element's sum in order.
        /// </summary>
        [Theory]
        [InlineData(33)]
        [InlineData(100)]
        public void OneDestinationRowWithSourcesCountedDownToTheArraysEnd(int length)
        {
            var random = new Random(length + 13);
            const int sources = 9;
            int stride = length + 1;
            double[] source = Values(random, ((sources - 1) * stride) + length);
            double[] destination = Values(random, length);
            double[] scales = Values(random, sources);
            double[] expected = (double[])destination.Clone();
            int first = (sources - 1) * stride;
            for (int k = 0; k < length; k++)
            {
                double sum = -0.0;
                for (int s = 0; s < sources; s++)
                {
                    sum = Math.FusedMultiplyAdd(scales[s], source[first - (s * stride) + k], sum);
                }

                expected[k] += sum;
            }

            SymGrad.TileKernels<double>.AddScaled(destination, 0, length, 1, scales, source, first, -stride, sources, length, wideBlocks: true);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), destination.Select(BitConverter.DoubleToInt64Bits));
        }

        [Theory]
        [InlineData(0, true)]
        [InlineData(17, true)]
        [InlineData(40, true)]
        [InlineData(0, false)]
        [InlineData(17, false)]
        [InlineData(40, false)]
        public void FloatAddScaledTileGivesEachElementsSumInSourceOrder(int length, bool wideBlocks)
        {
            // Five rows of sources that end with the array (their tails read apart), and ten and twelve rows of sources with
            // room after them: at length 17 (one lone vector and a tail) those go through the one pass of every row.
            var random = new Random(length + 9);
            foreach ((int rows, int sources, int room) in new[] { (5, 3, 0), (10, 4, 16), (12, 33, 16) })
            {
                float[] destination = Values(random, rows * length).Select(v => (float)v).ToArray();
                float[] source = Values(random, (sources * length) + room).Select(v => (float)v).ToArray();
                float[] scales = Values(random, rows * sources).Select(v => (float)v).ToArray();
                float[] expected = (float[])destination.Clone();
                for (int d = 0; d < rows; d++)
                {
                    for (int k = 0; k < length; k++)
                    {
                        float sum = -0.0f;
                        for (int s = 0; s < sources; s++)
                        {
                            sum = MathF.FusedMultiplyAdd(scales[(s * rows) + d], source[(s * length) + k], sum);
                        }

                        expected[(d * length) + k] += sum;
                    }
                }

                SymGrad.TileKernels<float>.AddScaled(destination, 0, length, rows, scales, source, 0, length, sources, length, wideBlocks);
                Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), destination.Select(BitConverter.SingleToInt32Bits));
            }
        }

        [Fact]
        public void AddScaledTileRowsThatShareElementsGetEveryContribution()
        {
            double[] destination = new double[10];
            double[] source = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 };
            double[] scales = { 1, 10, 100, 1000, 2, 20, 200, 2000 }; // two sources, four rows
            SymGrad.Kernels.AddScaledTile(destination, 0, 0, 4, scales, source, 0, 10, 2, 10);
            for (int k = 0; k < 10; k++)
            {
                Assert.Equal((1111 * source[k]) + (2222 * source[10 + k]), destination[k]);
            }
        }

        [Fact]
        public void AddScaledTileThrowsOnRowsOutsideAndOnSharedMemory()
        {
            double[] shared = new double[40];
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.AddScaledTile(new double[10], 0, 5, 2, new double[4], new double[20], 0, 10, 2, 6));
            Assert.Throws<IndexOutOfRangeException>(() => SymGrad.Kernels.AddScaledTile(new double[10], 0, 5, 2, new double[4], new double[20], 11, 10, 1, 10));
            Assert.Throws<ArgumentException>(() => SymGrad.Kernels.AddScaledTile(new double[10], 0, 5, 2, new double[3], new double[20], 0, 10, 2, 5));
            Assert.Throws<ArgumentException>(() => SymGrad.Kernels.AddScaledTile(shared.AsSpan(0, 20), 0, 5, 2, new double[4], shared.AsSpan(5), 0, 10, 2, 5));
        }

        private static double[] Values(Random random, int count) =>
            Enumerable.Range(0, count).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-20, 20))).ToArray();

        /// <summary>The documented order, one product at a time: lane k mod <paramref name="lanes"/> takes product k (the last, partial block too), then the lanes are summed by halving.</summary>
        private static double DocumentedDot(double[] a, int aStart, double[] b, int bStart, int length, int lanes)
        {
            if (length <= 0)
            {
                return -0.0;
            }

            double[] lane = Enumerable.Repeat(-0.0, lanes).ToArray();
            for (int k = 0; k < length; k++)
            {
                lane[k % lanes] = Math.FusedMultiplyAdd(a[aStart + k], b[bStart + k], lane[k % lanes]);
            }

            for (int half = lanes / 2; half >= 1; half /= 2)
            {
                for (int l = 0; l < half; l++)
                {
                    lane[l] += lane[l + half];
                }
            }

            return lane[0];
        }

        /// <summary>The transposed <c>double</c> kernel's order: the products fused one after the other, from -0.0.</summary>
        private static double InOrderDot(double[] a, int aStart, double[] b, int bStart, int length)
        {
            double sum = -0.0;
            for (int k = 0; k < length; k++)
            {
                sum = Math.FusedMultiplyAdd(a[aStart + k], b[bStart + k], sum);
            }

            return sum;
        }

        private static float InOrderSingleDot(float[] a, int aStart, float[] b, int bStart, int length)
        {
            float sum = -0.0f;
            for (int k = 0; k < length; k++)
            {
                sum = MathF.FusedMultiplyAdd(a[aStart + k], b[bStart + k], sum);
            }

            return sum;
        }

        private static float DocumentedSingleDot(float[] a, int aStart, float[] b, int bStart, int length)
        {
            const int lanes = 16;
            float[] lane = Enumerable.Repeat(-0.0f, lanes).ToArray();
            for (int k = 0; k < length; k++)
            {
                lane[k % lanes] = MathF.FusedMultiplyAdd(a[aStart + k], b[bStart + k], lane[k % lanes]);
            }

            for (int half = lanes / 2; half >= 1; half /= 2)
            {
                for (int l = 0; l < half; l++)
                {
                    lane[l] += lane[l + half];
                }
            }

            return lane[0];
        }
    }
}
