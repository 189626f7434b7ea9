using System;
using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;
using static SymGrad.Runtime.Tests.Kernels.LaneVectors;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// Row lanes' inner loops as calls (<c>Lanes.RowLoops</c>): each against the loop the generator printed before, lane
    /// by lane and bit for bit (the same operations in the same order), at counts around the unrolled step of four, in
    /// both precisions; runs outside an array throw and write nothing.
    /// </summary>
    public sealed class RowLoopLanesTests
    {
        public static TheoryData<int> Counts => new() { 0, 1, 3, 4, 5, 8, 9, 33 };

        [Theory]
        [MemberData(nameof(Counts))]
        public void AddScaledFromLanesIsTheLoop(int count)
        {
            Vector512<double>[] destination = Rows(count + 5, seed: 1), source = Rows(count + 3, seed: 2);
            Vector512<double> scale = Rows(1, seed: 3)[0];
            Vector512<double>[] expected = (Vector512<double>[])destination.Clone();
            for (int j = 0; j < count; j++)
            {
                expected[2 + j] += scale * source[1 + j];
            }

            Lanes.AddScaled(destination, 2, scale, source, 1, count);
            AssertSameBits(expected, destination);
        }

        [Theory]
        [MemberData(nameof(Counts))]
        public void AddScaledFromASharedArrayBroadcastsEachElement(int count)
        {
            Vector512<double>[] destination = Rows(count + 1, seed: 4);
            double[] shared = Values(count + 7, seed: 5);
            Vector512<double> scale = Rows(1, seed: 6)[0];
            Vector512<double>[] expected = (Vector512<double>[])destination.Clone();
            for (int j = 0; j < count; j++)
            {
                expected[1 + j] += scale * Vector512.Create(shared[7 + j]);
            }

            Lanes.AddScaled(destination, 1, scale, shared, 7, count);
            AssertSameBits(expected, destination);
        }

        [Theory]
        [MemberData(nameof(Counts))]
        public void DotSumsInTheRowLanesFourPartialSums(int count)
        {
            double[] shared = Values(count + 2, seed: 7);
            Vector512<double>[] lanes = Rows(count + 1, seed: 8), other = Rows(count, seed: 9);
            Vector512<double>[] parts = Enumerable.Repeat(Vector512.Create(-0.0), 4).ToArray();
            Vector512<double>[] laneParts = (Vector512<double>[])parts.Clone();
            int j = 0;
            for (; j + 4 <= count; j += 4)
            {
                for (int p = 0; p < 4; p++)
                {
                    parts[p] += Vector512.Create(shared[2 + j + p]) * lanes[1 + j + p];
                    laneParts[p] += lanes[1 + j + p] * other[j + p];
                }
            }

            for (; j < count; j++)
            {
                parts[0] += Vector512.Create(shared[2 + j]) * lanes[1 + j];
                laneParts[0] += lanes[1 + j] * other[j];
            }

            AssertSameBits(new[] { (parts[0] + parts[1]) + (parts[2] + parts[3]) }, new[] { Lanes.Dot(shared, 2, lanes, 1, count) });
            AssertSameBits(new[] { (laneParts[0] + laneParts[1]) + (laneParts[2] + laneParts[3]) }, new[] { Lanes.Dot(lanes, 1, other, 0, count) });
        }

        [Fact]
        public void AnEmptyDotIsNegativeZeroInEveryLane()
        {
            Vector512<double> sum = Lanes.Dot(new double[0], 5, Array.Empty<Vector512<double>>(), 9, 0);
            Assert.All(Enumerable.Range(0, Lanes.Count), l => Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(sum.GetElement(l))));
            Vector512<float> single = Lanes.Dot(new float[0], 0, Array.Empty<Vector512<float>>(), 0, -3);
            Assert.All(Enumerable.Range(0, Lanes.SingleCount), l => Assert.Equal(BitConverter.SingleToInt32Bits(-0.0f), BitConverter.SingleToInt32Bits(single.GetElement(l))));
        }

        [Theory]
        [InlineData(0, 1, 4)]
        [InlineData(9, -1, 10)]
        [InlineData(3, 1, 1)]
        [InlineData(6, -1, 5)]
        [InlineData(2, 1, 0)]
        public void TransposedProductsAddEachRowInTheLoopsOrder(int first, int step, int iterations)
        {
            foreach (int count in new[] { 0, 1, 3, 4, 5, 7, 8, 9, 12, 13, 16, 19 })
            {
                int rowStride = count + 2;
                Vector512<double>[] destination = Rows(count + 1, seed: 10), scales = Rows(10, seed: 11);
                double[] matrix = Values(3 + (10 * rowStride), seed: 12);
                Vector512<double>[] expected = (Vector512<double>[])destination.Clone();
                for (int t = 0, c = first; t < iterations; t++, c += step)
                {
                    for (int j = 0; j < count; j++)
                    {
                        expected[1 + j] += scales[c] * Vector512.Create(matrix[3 + (c * rowStride) + j]);
                    }
                }

                Lanes.AddTransposedProducts(destination, 1, scales, first, step, iterations, matrix, 3, rowStride, count);
                AssertSameBits(expected, destination);
            }
        }

        [Fact]
        public void FloatFormsAreTheFloatLoops()
        {
            const int count = 13;  // a block of eight, one of four and one more
            Vector512<float>[] destination = SingleRows(count + 1, seed: 13), source = SingleRows(count, seed: 14), scales = SingleRows(4, seed: 15);
            float[] shared = Values(4 * count, seed: 16).Select(v => (float)v).ToArray();
            Vector512<float> scale = SingleRows(1, seed: 17)[0];
            Vector512<float>[] expected = (Vector512<float>[])destination.Clone();
            Vector512<float>[] parts = Enumerable.Repeat(Vector512.Create(-0.0f), 4).ToArray();
            for (int j = 0; j < count; j++)
            {
                expected[1 + j] += scale * source[j];
                expected[1 + j] += scale * Vector512.Create(shared[j]);
                parts[j < count / 4 * 4 ? j % 4 : 0] += Vector512.Create(shared[count + j]) * source[j];
            }

            for (int c = 3; c >= 0; c--)
            {
                for (int j = 0; j < count; j++)
                {
                    expected[1 + j] += scales[c] * Vector512.Create(shared[(c * count) + j]);
                }
            }

            Lanes.AddScaled(destination, 1, scale, source, 0, count);
            Lanes.AddScaled(destination, 1, scale, shared, 0, count);
            Lanes.AddTransposedProducts(destination, 1, scales, 3, -1, 4, shared, 0, count, count);
            Assert.Equal(expected.Select(Bits), destination.Select(Bits));
            Assert.Equal(Bits((parts[0] + parts[1]) + (parts[2] + parts[3])), Bits(Lanes.Dot(shared, count, source, 0, count)));
        }

        [Fact]
        public void RunsOutsideTheirArraysThrowAndWriteNothing()
        {
            Vector512<double>[] destination = Rows(6, seed: 18), source = Rows(6, seed: 19);
            double[] shared = Values(6, seed: 20);
            Vector512<double>[] before = (Vector512<double>[])destination.Clone();
            Vector512<double> scale = Vector512.Create(2.0);
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddScaled(destination, 2, scale, source, 0, 5));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddScaled(destination, 0, scale, source, -1, 3));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddScaled(destination, 0, scale, shared, 4, 3));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Dot(shared, 0, source, 1, 6));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Dot(source, 0, destination, 3, 4));

            // Scales 0 to 6 of six rows; the matrix's last row (c = 5, from 5 * 2 + 0) past its end; a step of 2.
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddTransposedProducts(destination, 0, source, 6, -1, 7, shared, 0, 1, 1));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddTransposedProducts(destination, 0, source, 5, -1, 6, shared, 0, 2, 2));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddTransposedProducts(destination, 0, source, 0, 2, 2, shared, 0, 1, 1));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddTransposedProducts(destination, 5, source, 0, 1, 2, shared, 0, 1, 2));
            AssertSameBits(before, destination);

            // Nothing to do reads nothing: no check.
            Lanes.AddScaled(destination, 99, scale, source, -4, 0);
            Lanes.AddTransposedProducts(destination, 99, source, 50, 1, 0, shared, -9, 1, 3);
            AssertSameBits(before, destination);
        }
    }
}
