using System;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// An update tile's last <c>length mod Width</c> elements go in passes of up to sixteen destination rows (eight
    /// without AVX-512, twelve in 256-bit chains for a tail of at most half a vector), each pass compiled for its count, and with AVX-512 every row of a pass is read before any is
    /// written back (masked): every destination-row count from 1 to 40 (one pass of each count, sixteen and more in
    /// several) gives each element's sum in source order, in both layouts and both types, rows closer than a vector
    /// included, the elements between the rows untouched; rows that share elements still get every contribution.
    /// </summary>
    public sealed class TailPassTests
    {
        public static TheoryData<int, bool> TailLengths()
        {
            var data = new TheoryData<int, bool>();
            foreach (int length in new[] { 1, 3, 7, 10, 15, 17, 26 })
            {
                data.Add(length, true);
                data.Add(length, false);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(TailLengths))]
        public void EveryDestinationRowCountGivesEachElementsSumInSourceOrder(int length, bool wideBlocks)
        {
            var random = new Random(length * 31);
            for (int rows = 1; rows <= 40; rows++)
            {
                foreach (int sources in new[] { 1, 5, 32 })
                {
                    foreach (int gap in new[] { 0, 3 })
                    {
                        Check<double>(random, rows, sources, length, length + gap, wideBlocks);
                        Check<float>(random, rows, sources, length, length + gap, wideBlocks);
                    }
                }
            }
        }

        [Theory]
        [InlineData(3, 4)]
        [InlineData(7, 12)]
        [InlineData(3, 17)]
        [InlineData(7, 40)]
        public void RowsThatOverlapInTheirLastElementsGetEveryContribution(int length, int rows)
        {
            // Rows one element apart (and all one row): each row's last elements are the next row's too, so a row must see
            // the rows before it. Rows shorter than a vector of either type are all tail, added in row order.
            var random = new Random(length + rows);
            Check<double>(random, rows, 7, length, 1, wideBlocks: true);
            Check<float>(random, rows, 7, length, 1, wideBlocks: true);
            Check<double>(random, rows, 7, length, 0, wideBlocks: true);
            Check<float>(random, rows, 7, length, 0, wideBlocks: true);
        }

        public static TheoryData<int> LoneVectorLengths()
        {
            // Whole vectors ending in one lone vector, then a tail, in either type (eight double lanes, sixteen float):
            // one vector and a tail, three and a tail (the last two rows' blocks go two vectors at a time first), five.
            var data = new TheoryData<int>();
            foreach (int length in new[] { 9, 10, 15, 17, 18, 25, 31, 33, 47, 49, 63, 81, 95 })
            {
                data.Add(length);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(LoneVectorLengths))]
        public void RowsWhoseVectorsEndInALoneOneTakeTheirTailsBesideItWhereTheSourcesVectorsAreInside(int length)
        {
            // With room after the source's last row every source's vector at the tail lies inside the array, so the
            // blocks of rows take the tails beside their lone vector (softmax regression's n = 10 in double); a source
            // without the room takes them from the table. Each way, each element's sum in source order, the elements
            // between the rows untouched.
            var random = new Random(length * 17);
            for (int rows = 1; rows <= 13; rows++)
            {
                foreach (int sources in new[] { 1, 4, 32 })
                {
                    foreach (int room in new[] { 0, 16 })
                    {
                        foreach (int gap in new[] { 0, 3 })
                        {
                            Check<double>(random, rows, sources, length, length + gap, wideBlocks: true, room);
                            Check<float>(random, rows, sources, length, length + gap, wideBlocks: true, room);
                            Check<double>(random, rows, sources, length, length + gap, wideBlocks: false, room);
                        }
                    }
                }
            }
        }

        [Theory]
        [MemberData(nameof(LoneVectorLengths))]
        public void RowsCloserThanTheirLengthTakeTheirTailsFromTheTableWhateverTheRoom(int length)
        {
            // Rows that share elements (a stride below the length) keep the table's order however much room the source has:
            // the blocks would add a row's later vectors before the row before it has added its tail to the shared
            // elements. The same data with and without room must give the same bits.
            var random = new Random(length * 19);
            foreach (int rows in new[] { 2, 3, 4, 5, 7, 10 })
            {
                foreach (int stride in new[] { 1, length / 2, length - 1 })
                {
                    SameWithAndWithoutRoom<double>(random, rows, 32, length, stride);
                    SameWithAndWithoutRoom<float>(random, rows, 32, length, stride);
                }
            }
        }

        [Theory]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(10)]
        [InlineData(12)]
        public void NegativeZeroProductsKeepANegativeZeroElement(int length)
        {
            // Every product -0.0 (-1 times +0.0) into elements that are -0.0: each sum starts from -0.0, as the loop's does,
            // so every element stays -0.0 (a sum from +0.0 would make them +0.0). Tails of two and three elements (half a
            // double vector or less), ten and twelve, every row count of a pass.
            for (int rows = 1; rows <= 17; rows++)
            {
                NegativeZeroes<double>(rows, length, 0);
                NegativeZeroes<float>(rows, length, 0);
            }
        }

        [Theory]
        [InlineData(44)]
        [InlineData(50)]
        [InlineData(84)]
        [InlineData(100)]
        public void NegativeZeroProductsKeepANegativeZeroElementInOneRowWithItsTailBesideItsLastVectors(int length)
        {
            // One destination row (logistic regression's dw) whose sources have room after their last row: the tail is
            // a chain beside the row's last five or six vectors without AVX-512 (44 and 50 in double, 84 and 100 in float),
            // and each chain starts from -0.0.
            NegativeZeroes<double>(1, length, 16);
            NegativeZeroes<float>(1, length, 16);
        }

        private static void NegativeZeroes<T>(int rows, int length, int room)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            const int Sources = 3;
            T[] destination = Enumerable.Repeat(T.NegativeZero, rows * length).ToArray();
            T[] source = new T[(Sources * length) + room];
            T[] scales = Enumerable.Repeat(-T.One, rows * Sources).ToArray();
            foreach (bool wideBlocks in new[] { true, false })
            {
                T[] into = (T[])destination.Clone();
                SymGrad.TileKernels<T>.AddScaled(into, 0, length, rows, scales, source, 0, length, Sources, length, wideBlocks);
                Assert.True(SameBits(destination, into), $"{typeof(T).Name}: {rows} rows of {length}, wide blocks {wideBlocks}.");
            }
        }

        private static void SameWithAndWithoutRoom<T>(Random random, int rows, int sources, int length, int destinationStride)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            const int TileSize = SymGrad.Kernels.TileSize;
            int sourceStride = length + 1;
            T[] destination = Values<T>(random, ((rows - 1) * destinationStride) + length);
            T[] tight = Values<T>(random, ((sources - 1) * sourceStride) + length);
            T[] roomy = new T[tight.Length + 16];
            tight.CopyTo(roomy, 0);
            T[] scalesByRow = Values<T>(random, rows * TileSize);
            T[] withoutRoom = (T[])destination.Clone();
            T[] withRoom = (T[])destination.Clone();
            SymGrad.TileKernels<T>.AddScaled(withoutRoom, 0, destinationStride, rows, scalesByRow, tight, 0, sourceStride, sources, length, wideBlocks: true, transposed: true);
            SymGrad.TileKernels<T>.AddScaled(withRoom, 0, destinationStride, rows, scalesByRow, roomy, 0, sourceStride, sources, length, wideBlocks: true, transposed: true);
            Assert.True(SameBits(withoutRoom, withRoom), $"{typeof(T).Name}: {rows} rows {destinationStride} apart, {sources} sources of {length}.");
        }

        private static void Check<T>(Random random, int rows, int sources, int length, int destinationStride, bool wideBlocks, int room = 0)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            const int TileSize = SymGrad.Kernels.TileSize;
            int sourceStride = length + 1;
            T[] destination = Values<T>(random, 2 + ((rows - 1) * destinationStride) + length + 2);
            T[] source = Values<T>(random, ((sources - 1) * sourceStride) + length + room);  // without room the last row ends at the array's end
            T[] scales = Values<T>(random, rows * sources);  // scale (d, s) at s * rows + d
            T[] scalesByRow = new T[rows * TileSize];  // the transposed layout: (d, s) at d * TileSize + s
            for (int d = 0; d < rows; d++)
            {
                for (int s = 0; s < sources; s++)
                {
                    scalesByRow[(d * TileSize) + s] = scales[(s * rows) + d];
                }
            }

            T[] expected = (T[])destination.Clone();
            for (int d = 0; d < rows; d++)
            {
                for (int k = 0; k < length; k++)
                {
                    T sum = T.NegativeZero;
                    for (int s = 0; s < sources; s++)
                    {
                        sum = T.FusedMultiplyAdd(scales[(s * rows) + d], source[(s * sourceStride) + k], sum);
                    }

                    expected[2 + (d * destinationStride) + k] += sum;
                }
            }

            T[] plain = (T[])destination.Clone();
            SymGrad.TileKernels<T>.AddScaled(plain, 2, destinationStride, rows, scales, source, 0, sourceStride, sources, length, wideBlocks);
            Assert.True(SameBits(expected, plain), $"{typeof(T).Name}: {rows} rows {destinationStride} apart, {sources} sources of {length}.");
            if (sources <= TileSize)
            {
                T[] transposed = (T[])destination.Clone();
                SymGrad.TileKernels<T>.AddScaled(transposed, 2, destinationStride, rows, scalesByRow, source, 0, sourceStride, sources, length, wideBlocks, transposed: true);
                Assert.True(SameBits(expected, transposed), $"{typeof(T).Name} transposed: {rows} rows {destinationStride} apart, {sources} sources of {length}.");
            }
        }

        private static bool SameBits<T>(T[] expected, T[] actual)
            where T : unmanaged =>
            MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan()));

        private static T[] Values<T>(Random random, int count)
            where T : unmanaged, IFloatingPointIeee754<T> =>
            Enumerable.Range(0, count).Select(_ => T.CreateTruncating(random.NextDouble() - 0.5)).ToArray();
    }
}
