using System;
using System.Linq;
using Xunit;
using L = SymGrad.Consumer.Tests.Vectorised.RowLabelModels;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Row lanes over class labels (<see cref="RowLabelModels"/>): rows around the eight lanes and the tile of 32, classes
/// 1 to 10. Gradients against central finite differences and the <c>ExactSums</c> twin (rows one at a time); a label
/// outside the classes throws what the twin throws, in a group of eight rows and in the tile's last rows; the
/// <c>float</c> softmax against the checked <c>double</c> one.
/// </summary>
public sealed class RowLabelGradientTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 2, 3 }, { 7, 3, 2 }, { 8, 1, 10 }, { 9, 5, 3 }, { 16, 3, 1 }, { 17, 0, 4 }, { 31, 2, 10 }, { 33, 1, 2 }, { 70, 4, 10 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SamplesSoftmaxMatchesFiniteDifferencesAndItsExactTwin(int m, int n, int k)
    {
        (double[] x, int[] y) = Draw(m, n, k, 1);
        double[] w = Uniform(k * (n + 1), 2, 1.0);
        double[] dw = new double[w.Length], ew = new double[w.Length];

        double value = L.SoftmaxGradient(w, x, y, n, k, dw);
        double exact = L.SoftmaxExactGradient(w, x, y, n, k, ew);

        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ew, dw);
        FiniteDifferences.CheckAt(p => L.Softmax(p, x, y, n, k), w, dw, value);
    }

    [Theory]
    [InlineData(1, 2, 3, 2)]
    [InlineData(9, 3, 4, 3)]
    [InlineData(17, 2, 5, 10)]
    [InlineData(40, 5, 8, 4)]
    public void SamplesNetworkMatchesFiniteDifferencesAndItsExactTwin(int m, int n, int h, int k)
    {
        (double[] x, int[] y) = Draw(m, n, k, 2);
        double[] p = Uniform((h * (n + 1)) + (k * (h + 1)), 3, 1.0);
        double[] dp = new double[p.Length], ep = new double[p.Length];

        double value = L.NetworkGradient(p, x, y, n, h, k, dp);
        double exact = L.NetworkExactGradient(p, x, y, n, h, k, ep);

        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ep, dp);
        FiniteDifferences.CheckAt(q => L.Network(q, x, y, n, h, k), p, dp, value);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PicksAtALabelAndAtAnIntFromItMatchFiniteDifferencesAndTheTwin(int m, int n, int k)
    {
        (double[] x, int[] y) = Draw(m, n, k, 3);
        double[] w = Uniform(k * n, 4, 1.0);
        double[] dw = new double[w.Length], ew = new double[w.Length];

        double value = L.PicksGradient(w, x, y, n, k, dw);
        double exact = L.PicksExactGradient(w, x, y, n, k, ew);

        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ew, dw);
        FiniteDifferences.CheckAt(q => L.Picks(q, x, y, n, k), w, dw, value);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    public void ALabelOutsideTheClassesThrowsWhatTheTwinThrows(int row)
    {
        // Row 3 runs in the first group of eight lanes; row 17 of 19 is one of the tile's last rows, run alone.
        const int M = 19, N = 2, K = 3;
        (double[] x, int[] y) = Draw(M, N, K, 4);
        double[] w = Uniform(K * (N + 1), 5, 1.0), pw = Uniform(K * N, 6, 1.0);
        foreach (int bad in new[] { K, -1 })
        {
            y[row] = bad;
            Assert.Throws<ArgumentOutOfRangeException>(() => L.SoftmaxExactGradient(w, x, y, N, K, new double[w.Length]));
            Assert.Throws<ArgumentOutOfRangeException>(() => L.SoftmaxGradient(w, x, y, N, K, new double[w.Length]));
            Assert.Throws<IndexOutOfRangeException>(() => L.PicksExactGradient(pw, x, y, N, K, new double[pw.Length]));
            Assert.Throws<IndexOutOfRangeException>(() => L.PicksGradient(pw, x, y, N, K, new double[pw.Length]));
        }
    }

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(16, 3, 4)]
    [InlineData(17, 4, 2)]
    [InlineData(33, 1, 10)]
    [InlineData(70, 2, 10)]
    public void FloatSoftmaxWithLabelsAgreesWithTheCheckedDoubleSoftmax(int m, int n, int k)
    {
        (double[] x, int[] y) = Draw(m, n, k, 7);
        double[] w = Uniform(k * (n + 1), 8, 1.0);
        float[] F(double[] values) => values.Select(v => (float)v).ToArray();
        double[] Widen(float[] values) => values.Select(v => (double)v).ToArray();
        float[] fw = F(w), fx = F(x);
        float[] dw = new float[w.Length];
        double[] ew = new double[w.Length];

        float value = L.SingleSoftmaxGradient(fw, fx, y, n, k, dw);
        double twin = L.SoftmaxGradient(Widen(fw), Widen(fx), y, n, k, ew);

        FiniteDifferences.AssertFloatTwin(value, twin, dw, ew, 1e-4);
    }

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(16, 3, 4)]
    [InlineData(33, 1, 10)]
    [InlineData(70, 2, 10)]
    public void FloatPicksAgreeWithTheCheckedDoublePicks(int m, int n, int k)
    {
        (double[] x, int[] y) = Draw(m, n, k, 9);
        double[] w = Uniform(k * n, 10, 1.0);
        float[] F(double[] values) => values.Select(v => (float)v).ToArray();
        double[] Widen(float[] values) => values.Select(v => (double)v).ToArray();
        float[] fw = F(w), fx = F(x);
        float[] dw = new float[w.Length];
        double[] ew = new double[w.Length];

        float value = L.SinglePicksGradient(fw, fx, y, n, k, dw);
        double twin = L.PicksGradient(Widen(fw), Widen(fx), y, n, k, ew);

        FiniteDifferences.AssertFloatTwin(value, twin, dw, ew, 1e-4);
        y[m / 2] = k;
        Assert.Throws<IndexOutOfRangeException>(() => L.SinglePicksGradient(fw, fx, y, n, k, dw));
    }

    private static (double[] X, int[] Y) Draw(int m, int n, int k, int seed)
    {
        var random = new Random((m * 1000) + (n * 100) + (k * 10) + seed);
        double[] x = Enumerable.Range(0, m * n).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        int[] y = Enumerable.Range(0, m).Select(_ => random.Next(k)).ToArray();
        return (x, y);
    }

    private static double[] Uniform(int length, int seed, double scale)
    {
        var random = new Random(seed + (length * 7));
        return Enumerable.Range(0, length).Select(_ => scale * ((random.NextDouble() * 2) - 1)).ToArray();
    }
}
