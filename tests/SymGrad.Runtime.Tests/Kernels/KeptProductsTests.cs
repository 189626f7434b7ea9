using System;
using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;
using static SymGrad.Runtime.Tests.Kernels.LaneVectors;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// Outer-product updates kept for a tile (<c>Lanes.KeptGroups</c>): <c>Lanes.AddKeptProducts</c> against the
    /// per-group <c>Lanes.AddScaled</c> calls it replaces, bit for bit in every lane, at row counts around its blocks of
    /// four, element counts around its steps of four, every number of groups a tile holds (and the sixteen of eight float tiles) and strides wider and
    /// narrower than a row, in both precisions; <c>Lanes.Keep</c> copies a group's elements to its place; runs outside
    /// an array throw and write nothing.
    /// </summary>
    public sealed class KeptProductsTests
    {
        public static TheoryData<int, int, int> Shapes()
        {
            var shapes = new TheoryData<int, int, int>();
            foreach (int rows in new[] { 1, 3, 4, 5, 8, 10 })
            {
                foreach (int count in new[] { 1, 3, 4, 5, 9, 64 })
                {
                    foreach (int groups in new[] { 1, 2, 4, 16 })
                    {
                        shapes.Add(rows, count, groups);
                    }
                }
            }

            return shapes;
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public void KeptProductsAreThePerGroupUpdates(int rows, int count, int groups)
        {
            foreach (int stride in new[] { count, count + 3 })
            {
                Vector512<double>[] scales = Rows(groups * rows, seed: rows), sources = Rows(groups * count, seed: count + 100);
                Vector512<double>[] destination = Rows((rows * stride) + 7, seed: groups + 200);
                Vector512<double>[] expected = (Vector512<double>[])destination.Clone();
                for (int g = 0; g < groups; g++)
                {
                    for (int c = 0; c < rows; c++)
                    {
                        Lanes.AddScaled(expected, 2 + (c * stride), scales[(g * rows) + c], sources, g * count, count);
                    }
                }

                Lanes.AddKeptProducts(destination, 2, stride, rows, scales, sources, count, groups);
                AssertSameBits(expected, destination);
            }
        }

        [Theory]
        [InlineData(1, 1, 1)]
        [InlineData(10, 32, 2)]
        [InlineData(10, 32, 16)]
        [InlineData(5, 7, 1)]
        public void FloatKeptProductsAreThePerGroupUpdates(int rows, int count, int groups)
        {
            Vector512<float>[] scales = SingleRows(groups * rows, seed: 1), sources = SingleRows(groups * count, seed: 2);
            Vector512<float>[] destination = SingleRows((rows * (count + 1)) + 3, seed: 3);
            Vector512<float>[] expected = (Vector512<float>[])destination.Clone();
            for (int g = 0; g < groups; g++)
            {
                for (int c = 0; c < rows; c++)
                {
                    Lanes.AddScaled(expected, 1 + (c * (count + 1)), scales[(g * rows) + c], sources, g * count, count);
                }
            }

            Lanes.AddKeptProducts(destination, 1, count + 1, rows, scales, sources, count, groups);
            Assert.Equal(expected.Select(Bits), destination.Select(Bits));
        }

        [Fact]
        public void KeepCopiesTheGroupsElementsToItsPlace()
        {
            Vector512<double>[] row = Rows(9, seed: 4), kept = new Vector512<double>[12];
            Lanes.Keep(row, 2, 4, kept, 0);
            Lanes.Keep(row, 5, 4, kept, 2);
            AssertSameBits(row.Skip(2).Take(4).Concat(new Vector512<double>[4]).Concat(row.Skip(5).Take(4)).ToArray(), kept);

            Vector512<float>[] singles = SingleRows(3, seed: 5), keptSingles = new Vector512<float>[6];
            Lanes.Keep(singles, 0, 3, keptSingles, 1);
            Assert.Equal(new Vector512<float>[3].Concat(singles).Select(Bits), keptSingles.Select(Bits));
        }

        [Fact]
        public void RunsOutsideTheirArraysThrowAndWriteNothing()
        {
            Vector512<double>[] destination = Rows(20, seed: 6), scales = Rows(8, seed: 7), sources = Rows(8, seed: 8);
            Vector512<double>[] before = (Vector512<double>[])destination.Clone();
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddKeptProducts(destination, 0, 5, 4, scales, sources, 6, 1));   // the last row runs to 21
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddKeptProducts(destination, 10, -5, 4, scales, sources, 2, 1));  // the last row starts at -5
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddKeptProducts(destination, 0, 4, 3, scales, sources, 2, 3));    // nine scales of eight
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddKeptProducts(destination, 0, 4, 2, scales, sources, 3, 3));    // nine sources of eight
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Keep(scales, 6, 3, sources, 0));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Keep(scales, 0, 3, sources, 2));

            // Nothing to do reads nothing: no check.
            Lanes.AddKeptProducts(destination, 99, 1, 3, scales, sources, 0, 1);
            Lanes.AddKeptProducts(destination, 99, 1, 3, scales, sources, 2, 0);
            Lanes.Keep(scales, 99, 0, sources, 50);
            AssertSameBits(before, destination);
        }
    }
}
