using System;
using System.Linq;
using Xunit;
using L = SymGrad.Consumer.Tests.Vectorised.RowLoopCallModels;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Row lanes whose inner loops are calls (<see cref="RowLoopCallModels"/>): rows around the eight lanes and the tile of
/// 32, hidden units around the calls' step of four, one to ten classes. Gradients against central finite differences
/// and the <c>ExactSums</c> twin; the <c>float</c> network against the checked <c>double</c> one.
/// </summary>
public sealed class RowLoopCallGradientTests
{
    public static TheoryData<int, int, int, int> Shapes() => new()
    {
        { 1, 2, 1, 1 }, { 7, 3, 3, 2 }, { 8, 1, 4, 4 }, { 9, 2, 5, 3 }, { 16, 3, 8, 1 }, { 17, 0, 9, 10 }, { 33, 2, 4, 2 }, { 70, 3, 12, 10 },

        // Ten tiles: in float the kept products are added when Lanes.SingleKeptTiles tiles' groups are kept, not only before the last rows;
        // seven whole tiles: fourteen float groups added after the tiles.
        { 300, 2, 5, 3 }, { 224, 3, 6, 4 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void NetworkMatchesFiniteDifferencesAndItsExactTwin(int m, int n, int h, int k)
    {
        CheckNetwork(L.Network, L.NetworkGradient, L.NetworkExactGradient, Uniform(m * n, 1, 1.0), m, n, h, k, seed: 2);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AClassLoopThatReadsTheRowMatchesFiniteDifferencesAndItsExactTwin(int m, int n, int h, int k)
    {
        h = Math.Max(h, k);
        CheckNetwork(L.ReadsTheRow, L.ReadsTheRowGradient, L.ReadsTheRowExactGradient, Uniform(m * n, 3, 1.0), m, n, h, k, seed: 4);
    }

    [Theory]
    [InlineData(8, 1, 4, 4)]
    [InlineData(9, 2, 5, 3)]
    [InlineData(16, 3, 8, 1)]
    [InlineData(17, 0, 9, 10)]
    [InlineData(33, 2, 4, 2)]
    [InlineData(70, 3, 12, 10)]
    [InlineData(300, 2, 5, 3)]
    public void ClassDotsBeforeTheLoopHaveTheBitsOfADotPerClass(int m, int n, int h, int k)
    {
        // Network's class loop runs Lanes.Dots; NetworkDotPerClass's (its inner end reads c) a running sum per class in
        // the same four partial sums. Rows in lanes only (m >= Lanes.Count): one row at a time the two print different loops.
        double[] x = Uniform(m * n, 11, 1.0);
        double[] p = Uniform((h * n) + h + (k * h), 12, 1.0);
        (double value, double[] dp) = Gradient(L.NetworkGradient, p, x, m, n, h, k);
        (double perClass, double[] pp) = Gradient(L.NetworkDotPerClassGradient, p, x, m, n, h, k);

        Assert.Equal(BitConverter.DoubleToInt64Bits(perClass), BitConverter.DoubleToInt64Bits(value));
        Assert.Equal(pp.Select(BitConverter.DoubleToInt64Bits), dp.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ClassDotsOfRowsReadBackwardsMatchFiniteDifferencesAndTheirExactTwin(int m, int n, int h, int k)
    {
        CheckNetwork(L.ReversedRows, L.ReversedRowsGradient, L.ReversedRowsExactGradient, Uniform(m * n, 13, 1.0), m, n, h, k, seed: 14);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DotsOfChangingLengthMatchFiniteDifferencesAndTheirExactTwin(int m, int n, int h, int k)
    {
        h = Math.Max(h, k);
        CheckNetwork(L.ShorteningDots, L.ShorteningDotsGradient, L.ShorteningDotsExactGradient, Uniform(m * n, 9, 1.0), m, n, h, k, seed: 10);
    }

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(7, 3, 1)]
    [InlineData(8, 2, 4)]
    [InlineData(9, 1, 5)]
    [InlineData(33, 3, 9)]
    [InlineData(70, 2, 16)]
    public void AProductOfTwoPrivateRowsMatchesFiniteDifferencesAndItsExactTwin(int m, int n, int h)
    {
        // Lanes.Dot of two private rows, Lanes.AddScaled from one private row into another, two saved values a step.
        double[] x = Uniform(m * n, 7, 1.0);
        double[] p = Uniform(2 * h * n, 8, 1.0);
        double Loss(double[] q) => L.RowProduct(q[..(h * n)], q[(h * n)..], x, m, n, h);
        (double, double[]) Run(Func<double[], double[], double[], int, int, int, Span<double>, Span<double>, double> gradient)
        {
            double[] dw = new double[h * n], dv = new double[h * n];
            double value = gradient(p[..(h * n)], p[(h * n)..], x, m, n, h, dw, dv);
            return (value, dw.Concat(dv).ToArray());
        }

        (double value, double[] dp) = Run((w, v, xs, rows, cols, hidden, dw, dv) => L.RowProductGradient(w, v, xs, rows, cols, hidden, dw, dv));
        (double exact, double[] ep) = Run((w, v, xs, rows, cols, hidden, dw, dv) => L.RowProductExactGradient(w, v, xs, rows, cols, hidden, dw, dv));

        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ep, dp);
        FiniteDifferences.CheckAt(Loss, p, dp, value);
    }

    [Theory]
    [InlineData(1, 2, 3, 2)]
    [InlineData(16, 3, 5, 4)]
    [InlineData(33, 2, 9, 10)]
    [InlineData(70, 4, 16, 10)]
    [InlineData(300, 2, 5, 3)]
    [InlineData(224, 3, 6, 4)]
    public void FloatNetworkAgreesWithTheCheckedDoubleNetwork(int m, int n, int h, int k)
    {
        float[] F(double[] values) => values.Select(v => (float)v).ToArray();
        double[] Widen(float[] values) => values.Select(v => (double)v).ToArray();
        float[] x = F(Uniform(m * n, 5, 1.0)), p = F(Uniform((h * n) + h + (k * h), 6, 1.0));
        float[] w1 = p[..(h * n)], b1 = p[(h * n)..((h * n) + h)], w2 = p[((h * n) + h)..];
        float[] dw1 = new float[w1.Length], db1 = new float[h], dw2 = new float[w2.Length];

        float value = L.SingleNetworkGradient(w1, b1, w2, x, m, n, h, k, dw1, db1, dw2);
        (double twin, double[] twinPartials) = Gradient(L.NetworkGradient, Widen(p), Widen(x), m, n, h, k);

        FiniteDifferences.AssertFloatTwin(value, twin, dw1.Concat(db1).Concat(dw2).ToArray(), twinPartials, 1e-4);
    }

    private delegate double NetworkGradientMethod(double[] w1, double[] b1, double[] w2, double[] x, int m, int n, int h, int k, Span<double> dw1, Span<double> db1, Span<double> dw2);

    /// <summary>A network model's gradient against its <c>ExactSums</c> twin and central finite differences at the parameters drawn from <paramref name="seed"/>.</summary>
    private static void CheckNetwork(
        Func<double[], double[], double[], double[], int, int, int, int, double> model, NetworkGradientMethod gradient, NetworkGradientMethod exactGradient,
        double[] x, int m, int n, int h, int k, int seed)
    {
        double[] p = Uniform((h * n) + h + (k * h), seed, 1.0);
        (double value, double[] dp) = Gradient(gradient, p, x, m, n, h, k);
        (double exact, double[] ep) = Gradient(exactGradient, p, x, m, n, h, k);

        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ep, dp);
        FiniteDifferences.CheckAt(q => Value(model, q, x, m, n, h, k), p, dp, value);
    }

    private static (double Value, double[] Partials) Gradient(NetworkGradientMethod method, double[] p, double[] x, int m, int n, int h, int k)
    {
        double[] w1 = p[..(h * n)], b1 = p[(h * n)..((h * n) + h)], w2 = p[((h * n) + h)..];
        double[] dw1 = new double[w1.Length], db1 = new double[h], dw2 = new double[w2.Length];
        double value = method(w1, b1, w2, x, m, n, h, k, dw1, db1, dw2);
        return (value, dw1.Concat(db1).Concat(dw2).ToArray());
    }

    private static double Value(Func<double[], double[], double[], double[], int, int, int, int, double> f, double[] p, double[] x, int m, int n, int h, int k) =>
        f(p[..(h * n)], p[(h * n)..((h * n) + h)], p[((h * n) + h)..], x, m, n, h, k);

    private static double[] Uniform(int length, int seed, double scale)
    {
        var random = new Random(seed + (length * 7));
        return Enumerable.Range(0, length).Select(_ => scale * ((random.NextDouble() * 2) - 1)).ToArray();
    }
}
