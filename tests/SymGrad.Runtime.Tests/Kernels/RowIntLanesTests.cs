using System;
using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// Row lanes' ints (<c>Lanes.RowInts</c>): labels gathered per row, elements of a private array picked and added to
    /// at each lane's own index, and <see cref="SymMath.LogSoftmax(ReadOnlySpan{double}, int)"/> and
    /// <see cref="SymMath.LogSumExp(ReadOnlySpan{double})"/> per lane against the scalar functions row by row; bad
    /// indices throw what the scalar code throws and change nothing.
    /// </summary>
    public sealed class RowIntLanesTests
    {
        [Fact]
        public void GatherIntsWidensEachRowsElementAndChecksTheRun()
        {
            int[] labels = Enumerable.Range(0, 30).Select(v => (v * 7) - 40).ToArray();
            Vector512<long> gathered = Lanes.GatherInts(labels, 3, 3);
            for (int l = 0; l < Lanes.Count; l++)
            {
                Assert.Equal(labels[3 + (3 * l)], gathered.GetElement(l));
            }

            Assert.Throws<IndexOutOfRangeException>(() => Lanes.GatherInts(labels, 9, 3)); // lane 7 is element 30
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.GatherInts(labels, -1, 1));
        }

        [Fact]
        public void WrapIntsGivesUncheckedIntArithmetic()
        {
            int[] a = { int.MaxValue, int.MinValue, 65536, -7, 3, 46341, -46341, 0 };
            int[] b = { 1, -1, 65536, 9, -3, 46341, 46341, int.MinValue };
            Vector512<long> left = Vector512.Create(a.Select(v => (long)v).ToArray());
            Vector512<long> right = Vector512.Create(b.Select(v => (long)v).ToArray());
            Vector512<long> sum = Lanes.WrapInts(left + right), difference = Lanes.WrapInts(left - right), product = Lanes.WrapInts(left * right);
            for (int l = 0; l < Lanes.Count; l++)
            {
                Assert.Equal(unchecked(a[l] + b[l]), sum.GetElement(l));
                Assert.Equal(unchecked(a[l] - b[l]), difference.GetElement(l));
                Assert.Equal(unchecked(a[l] * b[l]), product.GetElement(l));
            }
        }

        [Fact]
        public void PickAndAddAtUseEachLanesOwnElement()
        {
            Vector512<double>[] lanes = Rows(3, 4, seed: 1);
            Vector512<long> index = Vector512.Create(0L, 3, 2, 1, 3, 0, 0, 2);
            Vector512<double> value = Vector512.Create(0.5, -1.5, 2.5, -3.5, 4.5, -5.5, 6.5, -7.5);
            Vector512<double> picked = Lanes.Pick(lanes, index);
            Vector512<double>[] added = (Vector512<double>[])lanes.Clone();
            Lanes.AddAt(added, index, value);
            for (int l = 0; l < Lanes.Count; l++)
            {
                int at = (int)index.GetElement(l);
                Assert.Equal(lanes[at].GetElement(l), picked.GetElement(l));
                for (int e = 0; e < lanes.Length; e++)
                {
                    Assert.Equal(e == at ? lanes[e].GetElement(l) + value.GetElement(l) : lanes[e].GetElement(l), added[e].GetElement(l));
                }
            }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(15)]
        [InlineData(16)] // the longest array whose elements are compared with the indices
        [InlineData(17)] // the shortest whose lanes take their elements one by one
        [InlineData(40)]
        public void PickAndAddAtMatchTheRowsAtEveryLength(int length)
        {
            var random = new Random(length);
            Vector512<double>[] lanes = Rows(2, length, seed: length);
            lanes[0] = lanes[0].WithElement(3, -0.0); // from length 2 on no lane adds to it (lane 3's index is the last element): it keeps its sign
            Vector512<long> index = Vector512.Create(Enumerable.Range(0, Lanes.Count).Select(l => l == 3 ? (long)(length - 1) : random.Next(length)).ToArray());
            Vector512<double> value = Vector512.Create(Enumerable.Range(0, Lanes.Count).Select(l => (l * 0.75) - 2).ToArray());
            Vector512<double>[] added = (Vector512<double>[])lanes.Clone();
            Lanes.AddAt(added, index, value);
            Vector512<double> picked = Lanes.Pick(lanes, index);

            Vector512<float>[] singles = Enumerable.Range(0, length).Select(_ => Vector512.Create(Enumerable.Range(0, Lanes.SingleCount).Select(_ => (float)random.NextDouble()).ToArray())).ToArray();
            singles[0] = singles[0].WithElement(0, -0.0f);
            Vector512<int> singleIndex = Vector512.Create(Enumerable.Range(0, Lanes.SingleCount).Select(l => l == 0 ? length - 1 : random.Next(length)).ToArray());
            Vector512<float> singleValue = Vector512.Create(Enumerable.Range(0, Lanes.SingleCount).Select(l => 0.5f * l).ToArray());
            Vector512<float>[] singlesAdded = (Vector512<float>[])singles.Clone();
            Lanes.AddAt(singlesAdded, singleIndex, singleValue);
            Vector512<float> singlePicked = Lanes.Pick(singles, singleIndex);

            for (int l = 0; l < Lanes.Count; l++)
            {
                int at = (int)index.GetElement(l);
                Assert.Equal(lanes[at].GetElement(l), picked.GetElement(l));
                for (int e = 0; e < length; e++)
                {
                    double expected = e == at ? lanes[e].GetElement(l) + value.GetElement(l) : lanes[e].GetElement(l);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(added[e].GetElement(l)));
                }
            }

            for (int l = 0; l < Lanes.SingleCount; l++)
            {
                int at = singleIndex.GetElement(l);
                Assert.Equal(singles[at].GetElement(l), singlePicked.GetElement(l));
                for (int e = 0; e < length; e++)
                {
                    float expected = e == at ? singles[e].GetElement(l) + singleValue.GetElement(l) : singles[e].GetElement(l);
                    Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(singlesAdded[e].GetElement(l)));
                }
            }
        }

        [Theory]
        [InlineData(4)]
        [InlineData(20)]
        public void ABadIndexNamesTheFirstRowOutside(int length)
        {
            Vector512<double>[] lanes = Rows(1, length, seed: 3);
            Vector512<long> index = Vector512.Create(0L, 1, 2, 0, 1, length, -3, 2);
            IndexOutOfRangeException picked = Assert.Throws<IndexOutOfRangeException>(() => Lanes.Pick(lanes, index));
            Assert.Contains($"Row 5 of the group's index ({length}) is outside an array of {length}.", picked.Message);
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddAt(lanes, index, Vector512.Create(1.0)));
            ArgumentOutOfRangeException logSoftmax = Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.LogSoftmax(lanes, index));
            Assert.Equal(length, logSoftmax.ActualValue);

            // The float form's 32-bit lanes: a negative index alone is outside too (compared unsigned).
            Vector512<float>[] singles = Enumerable.Range(0, length).Select(e => Vector512.Create((float)e)).ToArray();
            Vector512<float>[] singlesBefore = (Vector512<float>[])singles.Clone();
            Vector512<int> negative = Vector512<int>.Zero.WithElement(11, -1);
            IndexOutOfRangeException singlePicked = Assert.Throws<IndexOutOfRangeException>(() => Lanes.Pick(singles, negative));
            Assert.Contains($"Row 11 of the group's index (-1) is outside an array of {length}.", singlePicked.Message);
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddAt(singles, negative, Vector512.Create(1f)));
            Assert.Equal(singlesBefore, singles);
            Assert.Equal(-1, Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.LogSoftmax(singles, negative)).ActualValue);
        }

        [Theory]
        [InlineData(4L)]
        [InlineData(-1L)]
        [InlineData(long.MinValue)]
        public void AnIndexOutsideThrowsAndChangesNothing(long bad)
        {
            Vector512<double>[] lanes = Rows(3, 4, seed: 2);
            Vector512<double>[] before = (Vector512<double>[])lanes.Clone();
            Vector512<long> index = Vector512.Create(0L, 1, 2, 3, 0, bad, 1, 2);
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Pick(lanes, index));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddAt(lanes, index, Vector512.Create(1.0)));
            Assert.Equal(before, lanes);
            Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.LogSoftmax(lanes, index));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(10)]
        public void LogSoftmaxAndLogSumExpMatchSymMathRowByRow(int length)
        {
            Vector512<double>[] lanes = Rows(3, length, seed: length);

            // Lane 5 holds an infinity (+inf wins; the scalar function returns it), lane 6 a NaN, lane 7 only -inf.
            lanes[0] = lanes[0].WithElement(5, double.PositiveInfinity);
            lanes[length - 1] = lanes[length - 1].WithElement(6, double.NaN);
            for (int e = 0; e < length; e++)
            {
                lanes[e] = lanes[e].WithElement(7, double.NegativeInfinity);
            }

            Vector512<long> index = Vector512.Create(0L, length - 1, length / 2, 0, length - 1, 0, length / 2, 0);
            Vector512<double> logSumExp = Lanes.LogSumExp(lanes);
            Vector512<double> logSoftmax = Lanes.LogSoftmax(lanes, index);
            for (int l = 0; l < Lanes.Count; l++)
            {
                double[] row = lanes.Select(v => v.GetElement(l)).ToArray();
                AssertClose(SymMath.LogSumExp(row), logSumExp.GetElement(l));
                AssertClose(SymMath.LogSoftmax(row, (int)index.GetElement(l)), logSoftmax.GetElement(l));
            }

            Assert.Throws<ArgumentException>(() => Lanes.LogSumExp(ReadOnlySpan<Vector512<double>>.Empty));
        }

        [Theory]
        [InlineData(1, false)]
        [InlineData(3, false)]
        [InlineData(10, false)]
        [InlineData(1, true)]
        [InlineData(3, true)]
        [InlineData(10, true)]
        public void SharesAreEachRowsSoftmaxAndTheValuesKeepTheirBits(int length, bool oddLanes)
        {
            Vector512<double>[] lanes = Rows(30, length, seed: 40 + length);
            if (oddLanes)
            {
                // Lane 4 holds +inf (its shares are exp(z - inf): 0, and NaN at the infinity), lane 5 a NaN, lane 6 only -inf:
                // lanes 4 and 6 take their exps again, lane 5's NaN goes through the reciprocal.
                lanes[length - 1] = lanes[length - 1].WithElement(4, double.PositiveInfinity);
                lanes[0] = lanes[0].WithElement(5, double.NaN);
                for (int e = 0; e < length; e++)
                {
                    lanes[e] = lanes[e].WithElement(6, double.NegativeInfinity);
                }
            }

            Vector512<long> index = Vector512.Create(0L, length - 1, length / 2, 0, 0, 0, 0, length - 1);
            var shares = new Vector512<double>[length + 2];
            Vector512<double> logSumExp = Lanes.LogSumExp(lanes, shares);
            Assert.Equal(Lanes.LogSumExp(lanes), logSumExp);
            var softmaxShares = new Vector512<double>[length];
            Assert.Equal(Lanes.LogSoftmax(lanes, index), Lanes.LogSoftmax(lanes, index, softmaxShares));
            for (int e = 0; e < length; e++)
            {
                Assert.Equal(shares[e], softmaxShares[e]);
            }

            for (int l = 0; l < Lanes.Count; l++)
            {
                double[] row = lanes.Select(v => v.GetElement(l)).ToArray();
                double rowLogSumExp = SymMath.LogSumExp(row);
                for (int e = 0; e < length; e++)
                {
                    // What the reverse took before: exp(z_j - logSumExp), Math's exp of the lane log-sum-exp for the odd lanes.
                    double expected = oddLanes && l is 4 or 5 or 6 ? Math.Exp(row[e] - logSumExp.GetElement(l)) : Math.Exp(row[e] - rowLogSumExp);
                    AssertRelative(expected, shares[e].GetElement(l), 1e-14);
                }
            }

            Assert.Throws<ArgumentException>(() => Lanes.LogSumExp(lanes, new Vector512<double>[length - 1]));
            Assert.Throws<ArgumentException>(() => Lanes.LogSumExp(lanes, lanes));
            Assert.Throws<ArgumentException>(() => Lanes.LogSoftmax(lanes, index, new Vector512<double>[length - 1]));
            Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.LogSoftmax(lanes, index.WithElement(3, length), shares));
        }

        [Fact]
        public void ARowsSharesDoNotDependOnTheRowsBesideIt()
        {
            // Lane 2 of the second group has an infinite largest value (its shares are the exps taken again); the other
            // lanes' shares keep the bits they have in a group without it. Lane 3 holds -inf under a finite largest value
            // (share 0) and lane 5 a NaN (shares NaN), both on the reciprocal's path.
            Vector512<double>[] lanes = Rows(5, 6, seed: 12);
            lanes[1] = lanes[1].WithElement(3, double.NegativeInfinity);
            lanes[4] = lanes[4].WithElement(5, double.NaN);
            Vector512<double>[] withInfinity = (Vector512<double>[])lanes.Clone();
            withInfinity[2] = withInfinity[2].WithElement(2, double.PositiveInfinity);
            var shares = new Vector512<double>[6];
            var sharesBeside = new Vector512<double>[6];
            Lanes.LogSumExp(lanes, shares);
            Vector512<double> logSumExp = Lanes.LogSumExp(withInfinity, sharesBeside);
            for (int e = 0; e < lanes.Length; e++)
            {
                for (int l = 0; l < Lanes.Count; l++)
                {
                    double expected = l == 2 ? Math.Exp(withInfinity[e].GetElement(l) - logSumExp.GetElement(l)) : shares[e].GetElement(l);
                    if (l == 2 || !(System.Runtime.Intrinsics.X86.Avx512F.IsSupported || (System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported)))
                    {
                        // Without AVX-512 and AVX2 the lane exp is .NET's Vector512.Exp, which may round every lane of a
                        // vector differently when one of its lanes is infinite: within an ulp or two, not bit for bit.
                        AssertRelative(expected, sharesBeside[e].GetElement(l), 1e-15);
                    }
                    else
                    {
                        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(sharesBeside[e].GetElement(l)));
                    }
                }

                Assert.Equal(e == 1 ? 0.0 : Math.Exp(lanes[e].GetElement(3) - SymMath.LogSumExp(lanes.Select(v => v.GetElement(3)).ToArray())), shares[e].GetElement(3), 14);
                Assert.True(double.IsNaN(shares[e].GetElement(5)));
            }
        }

        [Fact]
        public void FloatSharesAreEachRowsSoftmax()
        {
            var random = new Random(9);
            Vector512<float>[] lanes = Enumerable.Range(0, 7).Select(_ => Vector512.Create(Enumerable.Range(0, Lanes.SingleCount).Select(_ => (float)((random.NextDouble() * 8) - 4)).ToArray())).ToArray();
            Vector512<int> index = Vector512.Create(Enumerable.Range(0, Lanes.SingleCount).Select(l => l % 7).ToArray());
            var shares = new Vector512<float>[7];
            var logSoftmaxShares = new Vector512<float>[7];
            Assert.Equal(Lanes.LogSumExp(lanes), Lanes.LogSumExp(lanes, shares));
            Assert.Equal(Lanes.LogSoftmax(lanes, index), Lanes.LogSoftmax(lanes, index, logSoftmaxShares));
            Assert.Equal(shares, logSoftmaxShares);
            for (int l = 0; l < Lanes.SingleCount; l++)
            {
                float[] row = lanes.Select(v => v.GetElement(l)).ToArray();
                float rowLogSumExp = SymMath.LogSumExp(row);
                for (int e = 0; e < row.Length; e++)
                {
                    AssertRelative(MathF.Exp(row[e] - rowLogSumExp), shares[e].GetElement(l), 2e-6);
                }
            }
        }

        [Fact]
        public void TheFloatFormsUseSixteenThirtyTwoBitLanes()
        {
            int[] labels = Enumerable.Range(0, 60).Select(v => (v * 5) % 3).ToArray();
            Vector512<int> contiguous = Lanes.GatherSingleInts(labels, 2, 1), strided = Lanes.GatherSingleInts(labels, 1, 3);
            for (int l = 0; l < Lanes.SingleCount; l++)
            {
                Assert.Equal(labels[2 + l], contiguous.GetElement(l));
                Assert.Equal(labels[1 + (3 * l)], strided.GetElement(l));
            }

            Assert.Throws<IndexOutOfRangeException>(() => Lanes.GatherSingleInts(labels, 45, 1));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.GatherSingleInts(labels, 15, 3));

            var random = new Random(4);
            Vector512<float>[] lanes = Enumerable.Range(0, 3).Select(_ => Vector512.Create(Enumerable.Range(0, Lanes.SingleCount).Select(_ => (float)((random.NextDouble() * 6) - 3)).ToArray())).ToArray();
            lanes[1] = lanes[1].WithElement(4, float.PositiveInfinity);
            Vector512<float>[] added = (Vector512<float>[])lanes.Clone();
            Vector512<float> value = Vector512.Create(Enumerable.Range(0, Lanes.SingleCount).Select(l => 0.25f * l).ToArray());
            Lanes.AddAt(added, contiguous, value);
            Vector512<float> picked = Lanes.Pick(lanes, contiguous), logSumExp = Lanes.LogSumExp(lanes), logSoftmax = Lanes.LogSoftmax(lanes, contiguous);
            for (int l = 0; l < Lanes.SingleCount; l++)
            {
                float[] row = lanes.Select(v => v.GetElement(l)).ToArray();
                int at = contiguous.GetElement(l);
                Assert.Equal(row[at], picked.GetElement(l));
                Assert.Equal(row[at] + value.GetElement(l), added[at].GetElement(l));
                AssertClose(SymMath.LogSumExp(row), logSumExp.GetElement(l), 1e-6);
                AssertClose(SymMath.LogSoftmax(row, at), logSoftmax.GetElement(l), 1e-6);
            }

            Vector512<int> bad = contiguous.WithElement(9, 3);
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Pick(lanes, bad));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.AddAt(added, bad, value));
            Assert.Throws<ArgumentOutOfRangeException>(() => Lanes.LogSoftmax(lanes, bad.WithElement(2, -1)));
        }

        /// <summary>Within <paramref name="relative"/> of <paramref name="expected"/>'s own size, however small (NaN matching NaN).</summary>
        private static void AssertRelative(double expected, double actual, double relative)
        {
            Assert.Equal(double.IsNaN(expected), double.IsNaN(actual));
            Assert.True(expected.Equals(actual) || Math.Abs(expected - actual) <= relative * Math.Abs(expected), $"{actual:R} against {expected:R}");
        }

        private static void AssertClose(double expected, double actual, double relative = 1e-15)
        {
            Assert.Equal(double.IsNaN(expected), double.IsNaN(actual));
            Assert.True(expected.Equals(actual) || Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)), $"{actual:R} against {expected:R}");
        }

        private static Vector512<double>[] Rows(double scale, int length, int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, length)
                .Select(_ => Vector512.Create(Enumerable.Range(0, Lanes.Count).Select(_ => scale * ((random.NextDouble() * 2) - 1)).ToArray()))
                .ToArray();
        }
    }
}
