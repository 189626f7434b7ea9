using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// The tile kernels read whole vectors past a row's end where that stays inside the array (the lanes past the row
    /// are never added). A read past a managed array's end does not fault, so the other tests cannot see one: here the
    /// sources end exactly where a page without access begins (Linux: <c>mmap</c> and <c>mprotect</c>), and a read
    /// past the end would kill the test process.
    /// </summary>
    public unsafe class GuardPageTests
    {
        private const int PageSize = 4096;

        [Fact]
        public void AddScaledTileNeverReadsPastTheSourcesEnd()
        {
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            var random = new Random(23);
            foreach (int length in new[] { 1, 7, 9, 33, 35, 63, 71, 100, 130 })
            {
                foreach (int sources in new[] { 1, 2, 9, 32 })
                {
                    foreach (int stride in new[] { length, length + 1, 0, -length - 1 })
                    {
                        foreach (bool wideBlocks in new[] { true, false })
                        {
                            Check<double>(random, length, sources, stride, wideBlocks);
                            Check<float>(random, length, sources, stride, wideBlocks);
                        }
                    }
                }
            }
        }

        [Fact]
        public void AddScaledTileNeverTouchesPastTheDestinationsEnd()
        {
            // The last elements of each destination row are read and written as masked vectors with AVX-512: the last
            // row ends where a page without access begins, and the lanes past it must not touch the page.
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            var random = new Random(31);
            foreach (int length in new[] { 1, 7, 10, 17, 23 })
            {
                foreach (int rows in new[] { 1, 2, 9, 10, 16, 17 })
                {
                    foreach (bool wideBlocks in new[] { true, false })
                    {
                        CheckDestination<double>(random, length, rows, wideBlocks);
                        CheckDestination<float>(random, length, rows, wideBlocks);
                    }
                }
            }
        }

        [Fact]
        public void DotTileNeverReadsPastTheRightRowsEnd()
        {
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            var random = new Random(29);
            foreach (int length in new[] { 1, 7, 9, 33, 100, 130 })
            {
                foreach (int rightCount in new[] { 1, 4, 8, 9, 32 })
                {
                    foreach (bool wideBlocks in new[] { true, false })
                    {
                        foreach (bool transposed in new[] { false, true })
                        {
                            foreach (int leftCount in new[] { 1, 2, 5, 10 })
                            {
                                // Both operands end where a page without access begins: the last block's masked loads must not
                                // touch it; in the transposed layout the products end there too (a tile of at most eight rows
                                // stores its lanes by masked stores).
                                int stride = length + 1;
                                int elements = ((rightCount - 1) * stride) + length;
                                int leftElements = ((leftCount - 1) * (length + 3)) + length;
                                using var right = new Guarded<double>(elements);
                                using var left = new Guarded<double>(leftElements);
                                Fill(random, right.Span);
                                Fill(random, left.Span);
                                using var dots = new Guarded<double>(transposed ? ((leftCount - 1) * SymGrad.Kernels.TileSize) + rightCount : leftCount * rightCount);
                                SymGrad.TileKernels<double>.Dots(left.Span, 0, length + 3, leftCount, right.Span, 0, stride, rightCount, length, dots.Span, wideBlocks, transposed);
                                using var singleRight = new Guarded<float>(elements);
                                using var singleLeft = new Guarded<float>(leftElements);
                                Fill(random, singleRight.Span);
                                Fill(random, singleLeft.Span);
                                float[] singleDots = new float[Math.Max(leftCount * rightCount, ((leftCount - 1) * SymGrad.Kernels.TileSize) + rightCount)];
                                SymGrad.TileKernels<float>.Dots(singleLeft.Span, 0, length + 3, leftCount, singleRight.Span, 0, stride, rightCount, length, singleDots, wideBlocks, transposed);
                            }
                        }
                    }
                }
            }
        }

        [Fact]
        public void DotTileWithRightRowsCountedDownNeverReadsPastTheArraysEnd()
        {
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            // Right rows at a negative stride from the last row's start: row 0, read last, ends where a page without
            // access begins, so its last block must not be read in place (the in-place check counts only rows that
            // run forward).
            var random = new Random(31);
            foreach (int length in new[] { 1, 7, 9, 33, 100, 130 })
            {
                foreach (int rightCount in new[] { 4, 8, 9 })
                {
                    foreach (bool wideBlocks in new[] { true, false })
                    {
                        int stride = length + 1;
                        int elements = ((rightCount - 1) * stride) + length;
                        double[] left = new double[length];
                        float[] singleLeft = new float[length];
                        Fill(random, left.AsSpan());
                        Fill(random, singleLeft.AsSpan());
                        using var right = new Guarded<double>(elements);
                        using var singleRight = new Guarded<float>(elements);
                        Fill(random, right.Span);
                        Fill(random, singleRight.Span);
                        double[] dots = new double[rightCount];
                        float[] singleDots = new float[rightCount];
                        SymGrad.TileKernels<double>.Dots(left, 0, length, 1, right.Span, (rightCount - 1) * stride, -stride, rightCount, length, dots, wideBlocks);
                        SymGrad.TileKernels<float>.Dots(singleLeft, 0, length, 1, singleRight.Span, (rightCount - 1) * stride, -stride, rightCount, length, singleDots, wideBlocks);
                        Assert.All(dots, d => Assert.True(double.IsFinite(d)));
                        Assert.All(singleDots, d => Assert.True(float.IsFinite(d)));
                    }
                }
            }
        }

        [Fact]
        public void RowBlocksNeverReadPastTheArraysEnd()
        {
            // Row blocks read the rows' vectors whole where they stay inside the array (with AVX-512, and without it past
            // the last whole run of columns): the last row ends where a page without access begins.
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            var random = new Random(37);
            foreach (int columns in new[] { 1, 2, 3, 5, 7, 9, 10, 12, 15, 17, 33 })
            {
                foreach (int stride in new[] { columns, columns + 3, 0 })
                {
                    for (int rows = 1; rows <= Lanes.SingleCount; rows++)
                    {
                        int elements = ((rows - 1) * stride) + columns;
                        if (rows <= Lanes.Count)
                        {
                            using var array = new Guarded<double>(elements);
                            Fill(random, array.Span);
                            var block = new Vector512<double>[columns];
                            ReadOnlySpan<Vector512<double>> filled = Lanes.TransposeRows(array.Span, 0, stride, block, rows);
                            Assert.Equal(array.Span[((rows - 1) * stride) + columns - 1], filled[columns - 1].GetElement(Lanes.Count - 1));
                        }

                        using var singles = new Guarded<float>(elements);
                        Fill(random, singles.Span);
                        var singleBlock = new Vector512<float>[columns];
                        ReadOnlySpan<Vector512<float>> singleFilled = Lanes.TransposeRows(singles.Span, 0, stride, singleBlock, rows);
                        Assert.Equal(singles.Span[((rows - 1) * stride) + columns - 1], singleFilled[columns - 1].GetElement(Lanes.SingleCount - 1));
                    }
                }
            }
        }

        private static void Check<T>(Random random, int length, int sources, int stride, bool wideBlocks)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            int reach = (sources - 1) * Math.Abs(stride);
            using var source = new Guarded<T>(reach + length);
            Fill(random, source.Span);
            int start = stride < 0 ? reach : 0;
            T[] destination = new T[length + 1];
            T[] scales = new T[sources];
            for (int s = 0; s < sources; s++)
            {
                scales[s] = T.CreateTruncating(random.NextDouble() - 0.5);
            }

            T[] expected = (T[])destination.Clone();
            for (int k = 0; k < length; k++)
            {
                T sum = T.NegativeZero;
                for (int s = 0; s < sources; s++)
                {
                    sum = T.FusedMultiplyAdd(scales[s], source.Span[start + (s * stride) + k], sum);
                }

                expected[k] += sum;
            }

            SymGrad.TileKernels<T>.AddScaled(destination, 0, length, 1, scales, source.Span, start, stride, sources, length, wideBlocks);
            Assert.Equal(expected, destination);
        }

        private static void CheckDestination<T>(Random random, int length, int rows, bool wideBlocks)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            const int Sources = 5;
            using var destination = new Guarded<T>(rows * length);
            Fill(random, destination.Span);
            T[] source = new T[Sources * length];
            Fill(random, source);
            T[] scales = new T[rows * Sources];
            Fill(random, scales);
            T[] expected = destination.Span.ToArray();
            for (int d = 0; d < rows; d++)
            {
                for (int k = 0; k < length; k++)
                {
                    T sum = T.NegativeZero;
                    for (int s = 0; s < Sources; s++)
                    {
                        sum = T.FusedMultiplyAdd(scales[(s * rows) + d], source[(s * length) + k], sum);
                    }

                    expected[(d * length) + k] += sum;
                }
            }

            SymGrad.TileKernels<T>.AddScaled(destination.Span, 0, length, rows, scales, source, 0, length, Sources, length, wideBlocks);
            Assert.Equal(expected, destination.Span.ToArray());
        }

        private static void Fill<T>(Random random, Span<T> values)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = T.CreateTruncating(random.NextDouble() - 0.5);
            }
        }

        private static double[] Values(Random random, int count)
        {
            var values = new double[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = random.NextDouble() - 0.5;
            }

            return values;
        }

        /// <summary>Elements that end where a page without access begins; unmapped when disposed.</summary>
        private sealed class Guarded<T> : IDisposable
            where T : unmanaged
        {
            private readonly IntPtr mapping;
            private readonly nuint mappingBytes;
            private readonly T* first;
            private readonly int count;

            public Guarded(int count)
            {
                this.count = count;
                nuint bytes = (nuint)(count * sizeof(T));
                nuint dataPages = (bytes + PageSize - 1) / PageSize;
                mappingBytes = (dataPages + 1) * PageSize;
                mapping = Mmap(IntPtr.Zero, mappingBytes, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, IntPtr.Zero);
                Assert.NotEqual(new IntPtr(-1), mapping);
                byte* guard = (byte*)mapping + (dataPages * PageSize);
                Assert.Equal(0, Mprotect((IntPtr)guard, PageSize, ProtNone));
                first = (T*)(guard - bytes);
            }

            public Span<T> Span => new(first, count);

            public void Dispose() => Munmap(mapping, mappingBytes);
        }

        private const int ProtNone = 0;
        private const int ProtRead = 1;
        private const int ProtWrite = 2;
        private const int MapPrivate = 2;
        private const int MapAnonymous = 0x20;

        [DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
        private static extern IntPtr Mmap(IntPtr address, nuint length, int protection, int flags, int descriptor, IntPtr offset);

        [DllImport("libc", EntryPoint = "mprotect", SetLastError = true)]
        private static extern int Mprotect(IntPtr address, nuint length, int protection);

        [DllImport("libc", EntryPoint = "munmap", SetLastError = true)]
        private static extern int Munmap(IntPtr address, nuint length);
    }
}
