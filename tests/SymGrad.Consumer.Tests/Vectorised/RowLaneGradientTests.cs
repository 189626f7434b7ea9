using System;
using System.Linq;
using Xunit;
using R = SymGrad.Consumer.Tests.Vectorised.RowLaneModels;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Row lanes at the edges of their groups and tiles: rows around the eight lanes (1, 7, 8, 9, 15, 16, 17; fewer rows than
/// a group run as written, so 1 and 7 check that path) and the tile
/// of 32 (31, 32, 33, 70), classes 1, 2, 3 and 10, features 0, 1 and 5. Gradients against central finite differences,
/// the value within the documented tolerance of the method's, the gradient equal to the <c>ExactSums</c> twin's (rows
/// one at a time) up to rounding; the <c>float</c> softmax (sixteen rows at a time) against the checked <c>double</c>
/// one; non-finite rows give the twin's NaNs and infinities where it has them.
/// </summary>
public sealed class RowLaneGradientTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 2, 3 }, { 7, 3, 2 }, { 8, 1, 10 }, { 9, 5, 3 }, { 15, 2, 1 }, { 16, 3, 3 }, { 17, 0, 2 }, { 31, 2, 10 }, { 32, 3, 3 }, { 33, 1, 2 }, { 70, 5, 10 },
        { 9, 2, 17 }, { 40, 1, 20 },  // rows of targets wider than a vector (their blocks transposed in two steps)
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SoftmaxGradientMatchesFiniteDifferencesAndItsExactTwin(int m, int n, int k) =>
        CheckClassModel(R.Softmax, R.SoftmaxGradient, R.SoftmaxExactGradient, m, n, k, 1);

    [Theory]
    [MemberData(nameof(Shapes))]
    [InlineData(24, 3, 10)]  // three groups in the one tile: a pair, then one group
    [InlineData(100, 10, 10)]  // the benchmark's shape: two pairs a tile, the last tile's four rows in lanes
    public void PairedGroupsWhoseLocalsAreNamedAsMembersMatchFiniteDifferences(int m, int n, int k) =>
        CheckClassModel(R.SoftmaxNamedAsMembers, R.SoftmaxNamedAsMembersGradient, R.SoftmaxNamedAsMembersExactGradient, m, n, k, 6);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MarginsGradientMatchesFiniteDifferencesAndItsExactTwin(int m, int n, int k) =>
        CheckClassModel(R.Margins, R.MarginsGradient, R.MarginsExactGradient, m, n, k, 2);

    [Theory]
    [InlineData(0, 2, 3)]
    [InlineData(9, 3, 2)]
    [InlineData(40, 2, 4)]
    public void AScratchArrayReadAfterTheLoopKeepsItsLastRow(int m, int n, int k)
    {
        (double[] w, double[] b, double[] x, _) = Draw(m, n, k, 3);
        double[] dw = new double[w.Length], db = new double[k], ew = new double[w.Length], eb = new double[k];

        double value = R.LastLogitsGradient(w, b, x, m, n, k, dw, db);
        double exact = R.LastLogitsExactGradient(w, b, x, m, n, k, ew, eb);

        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ew.Concat(eb).ToArray(), dw.Concat(db).ToArray());
        FiniteDifferences.CheckAt(p => R.LastLogits(p[..w.Length], p[w.Length..], x, m, n, k), w.Concat(b).ToArray(), dw.Concat(db).ToArray(), value);
    }

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(15, 3, 10)]
    [InlineData(16, 2, 3)]
    [InlineData(17, 4, 2)]
    [InlineData(33, 1, 10)]
    [InlineData(70, 5, 4)]
    [InlineData(18, 2, 17)]
    [InlineData(49, 1, 33)]
    public void FloatSoftmaxAgreesWithTheCheckedDoubleSoftmax(int m, int n, int k)
    {
        (double[] w, double[] b, double[] x, double[] y) = Draw(m, n, k, 4);
        float[] F(double[] values) => values.Select(v => (float)v).ToArray();
        double[] Widen(float[] values) => values.Select(v => (double)v).ToArray();
        float[] fw = F(w), fb = F(b), fx = F(x), fy = F(y);
        float[] dw = new float[w.Length], db = new float[k];
        double[] ew = new double[w.Length], eb = new double[k];

        float value = R.SingleSoftmaxGradient(fw, fb, fx, fy, m, n, k, dw, db);
        double twin = R.SoftmaxGradient(Widen(fw), Widen(fb), Widen(fx), Widen(fy), m, n, k, ew, eb);

        FiniteDifferences.AssertFloatTwin(value, twin, dw.Concat(db).ToArray(), ew.Concat(eb).ToArray(), 1e-4);
    }

    [Fact]
    public void RowsWithNonFiniteFeaturesGiveTheTwinsNaNsAndInfinities()
    {
        // Rows 3 and 12 (in the first and second group of eight) hold a NaN and an infinity; the others are finite.
        const int M = 19, N = 2, K = 3;
        (double[] w, double[] b, double[] x, double[] y) = Draw(M, N, K, 5);
        x[3 * N] = double.NaN;
        x[(12 * N) + 1] = double.PositiveInfinity;
        double[] dw = new double[w.Length], db = new double[K], ew = new double[w.Length], eb = new double[K];

        AssertSameNonFinites(R.MarginsExactGradient(w, b, x, y, M, N, K, ew, eb), ew.Concat(eb).ToArray(), R.MarginsGradient(w, b, x, y, M, N, K, dw, db), dw.Concat(db).ToArray());
        AssertSameNonFinites(R.SoftmaxExactGradient(w, b, x, y, M, N, K, ew, eb), ew.Concat(eb).ToArray(), R.SoftmaxGradient(w, b, x, y, M, N, K, dw, db), dw.Concat(db).ToArray());
    }

    private static void AssertSameNonFinites(double exact, double[] twin, double value, double[] lanes)
    {
        Assert.Equal(double.IsNaN(exact), double.IsNaN(value));
        Assert.Contains(twin, v => !double.IsFinite(v));
        for (int p = 0; p < twin.Length; p++)
        {
            Assert.Equal(double.IsNaN(twin[p]), double.IsNaN(lanes[p]));
            Assert.True(twin[p].Equals(lanes[p]) || Math.Abs(twin[p] - lanes[p]) <= 1e-12 * (1 + Math.Abs(twin[p])), $"partial {p}: {lanes[p]:R} vs {twin[p]:R}");
        }
    }

    [Theory]
    [InlineData(1, 2, 3, 2)]
    [InlineData(9, 3, 4, 3)]
    [InlineData(33, 5, 8, 10)]
    [InlineData(40, 2, 3, 33)]
    public void SkipConnectionGradientMatchesFiniteDifferencesAndItsExactTwin(int m, int n, int h, int k)
    {
        var random = new Random((m * 1000) + (n * 100) + (h * 10) + k);
        double[] Uniform(int length) => Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        double[] w1 = Uniform(h * n), w2 = Uniform(k * h), v = Uniform(k * n), x = Uniform(m * n), y = Uniform(m * k);
        double[][] lanes = { new double[w1.Length], new double[w2.Length], new double[v.Length] };
        double[][] exact = { new double[w1.Length], new double[w2.Length], new double[v.Length] };

        double value = R.SkipGradient(w1, w2, v, x, y, m, n, h, k, lanes[0], lanes[1], lanes[2]);
        double twin = R.SkipExactGradient(w1, w2, v, x, y, m, n, h, k, exact[0], exact[1], exact[2]);

        FiniteDifferences.AssertValue(twin, value);
        FiniteDifferences.AssertCloseToTwin(exact.SelectMany(g => g).ToArray(), lanes.SelectMany(g => g).ToArray());
        int[] sizes = { w1.Length, w2.Length, v.Length };
        FiniteDifferences.CheckAt(
            p => R.Skip(p[..sizes[0]], p[sizes[0]..(sizes[0] + sizes[1])], p[(sizes[0] + sizes[1])..], x, y, m, n, h, k),
            w1.Concat(w2).Concat(v).ToArray(),
            lanes.SelectMany(g => g).ToArray(),
            value);
    }

    [Theory]
    [InlineData(8, 2, 1)]
    [InlineData(9, 3, 2)]
    [InlineData(17, 2, 5)]
    [InlineData(40, 4, 10)]
    public void ConditionsThatDecideEarlyReadOnlyWhatTheLoopReads(int m, int n, int k)
    {
        (double[] w, double[] b, double[] x, _) = Draw(m, n, k, 6);
        double[] dw = new double[w.Length], db = new double[k], ew = new double[w.Length], eb = new double[k];

        double value = R.NeighboursGradient(w, b, x, m, n, k, dw, db);
        double exact = R.NeighboursExactGradient(w, b, x, m, n, k, ew, eb);

        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ew.Concat(eb).ToArray(), dw.Concat(db).ToArray());
        FiniteDifferences.CheckAt(p => R.Neighbours(p[..w.Length], p[w.Length..], x, m, n, k), w.Concat(b).ToArray(), dw.Concat(db).ToArray(), value);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(21)]
    public void TargetsShorterThanTheRowsThrowAsTheLoopDoes(int m)
    {
        // The last row's targets are one element short: the group's block of targets would leave the array, so it is
        // not filled and its first read throws, as the loop's read of the missing element does.
        const int N = 2, K = 3;
        (double[] w, double[] b, double[] x, double[] y) = Draw(m, N, K, 5);
        double[] shortY = y[..^1];
        float[] F(double[] values) => values.Select(v => (float)v).ToArray();
        Assert.Throws<IndexOutOfRangeException>(() => R.SoftmaxExactGradient(w, b, x, shortY, m, N, K, new double[w.Length], new double[K]));
        Assert.Throws<IndexOutOfRangeException>(() => R.SoftmaxGradient(w, b, x, shortY, m, N, K, new double[w.Length], new double[K]));
        Assert.Throws<IndexOutOfRangeException>(() => R.SingleSoftmaxGradient(F(w), F(b), F(x), F(shortY), m, N, K, new float[w.Length], new float[K]));
    }

    [Fact]
    public void RowsWhoseVectorsWouldNotFitStillGetTheirGradient()
    {
        // z, its adjoint and db hold 3 * 50,000 elements, more than Lanes.MaxRowElements: the generated code takes its
        // one-row-at-a-time path (rowLanes false: empty lane buffers, no AddSums), which must still be right. That it
        // takes that path is the snapshot's `for (; rowLanes && ...` and this Lanes.FitsRows.
        const int M = 9, N = 1, K = 50_000;
        Assert.False(Lanes.FitsRows(3L * K));
        (double[] w, double[] b, double[] x, double[] y) = Draw(M, N, K, 7);
        double[] dw = new double[w.Length], db = new double[K], ew = new double[w.Length], eb = new double[K];

        double value = R.SoftmaxGradient(w, b, x, y, M, N, K, dw, db);
        double exact = R.SoftmaxExactGradient(w, b, x, y, M, N, K, ew, eb);

        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ew.Concat(eb).ToArray(), dw.Concat(db).ToArray());
    }

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(16, 3, 10)]
    [InlineData(17, 4, 2)]
    [InlineData(70, 5, 4)]
    public void FloatMarginsAgreeWithTheCheckedDoubleMargins(int m, int n, int k)
    {
        (double[] w, double[] b, double[] x, double[] y) = Draw(m, n, k, 8);
        float[] F(double[] values) => values.Select(v => (float)v).ToArray();
        double[] Widen(float[] values) => values.Select(v => (double)v).ToArray();
        float[] fw = F(w), fb = F(b), fx = F(x), fy = F(y);
        float[] dw = new float[w.Length], db = new float[k];
        double[] ew = new double[w.Length], eb = new double[k];

        float value = R.SingleMarginsGradient(fw, fb, fx, fy, m, n, k, dw, db);
        double twin = R.MarginsGradient(Widen(fw), Widen(fb), Widen(fx), Widen(fy), m, n, k, ew, eb);

        FiniteDifferences.AssertFloatTwin(value, twin, dw.Concat(db).ToArray(), ew.Concat(eb).ToArray(), 1e-4);
    }

    private delegate double ClassModel(double[] w, double[] b, double[] x, double[] y, int m, int n, int k);

    private delegate double ClassGradient(double[] w, double[] b, double[] x, double[] y, int m, int n, int k, Span<double> dw, Span<double> db);

    /// <summary>A model of weights w (k by n) and biases b over rows x with targets y: its row lanes' gradient against its <c>ExactSums</c> twin's (the method's bits) and central differences.</summary>
    private static void CheckClassModel(ClassModel model, ClassGradient lanes, ClassGradient twin, int m, int n, int k, int seed)
    {
        (double[] w, double[] b, double[] x, double[] y) = Draw(m, n, k, seed);
        double[] dw = new double[w.Length], db = new double[k], ew = new double[w.Length], eb = new double[k];

        double value = lanes(w, b, x, y, m, n, k, dw, db);
        double exact = twin(w, b, x, y, m, n, k, ew, eb);

        Assert.Equal(BitConverter.DoubleToInt64Bits(model(w, b, x, y, m, n, k)), BitConverter.DoubleToInt64Bits(exact));
        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ew.Concat(eb).ToArray(), dw.Concat(db).ToArray());
        FiniteDifferences.CheckAt(p => model(p[..w.Length], p[w.Length..], x, y, m, n, k), w.Concat(b).ToArray(), dw.Concat(db).ToArray(), value);
    }

    /// <summary>Weights (k by n) and biases in [-1, 1], features in [-1.5, 1.5], one-hot targets.</summary>
    private static (double[] W, double[] B, double[] X, double[] Y) Draw(int m, int n, int k, int seed)
    {
        var random = new Random((m * 1000) + (n * 100) + (k * 10) + seed);
        double[] Uniform(int length, double scale) => Enumerable.Range(0, length).Select(_ => scale * ((random.NextDouble() * 2) - 1)).ToArray();
        double[] w = Uniform(k * n, 1), b = Uniform(k, 1), x = Uniform(m * n, 1.5);
        double[] y = new double[m * k];
        for (int i = 0; i < m; i++)
        {
            y[(i * k) + random.Next(k)] = 1.0;
        }

        return (w, b, x, y);
    }
}
