using System;
using System.Linq;
using Xunit;
using L = SymGrad.Consumer.Tests.Vectorised.LaneModels;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Element-wise loops at every length around their eight lanes (0, 1, 7, 8, 9, 15, 16, 17, 33): gradients against
/// central finite differences, the value within the documented tolerance of the method's, and the gradient equal to
/// the <c>ExactSums</c> twin's (scalar loops) up to the vector exp and log's last bits.
/// </summary>
public sealed class LaneLoopGradientTests
{
    public static TheoryData<int> Lengths() => new() { 0, 1, 7, 8, 9, 15, 16, 17, 33 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void LayerGradientMatchesFiniteDifferencesAndItsExactTwin(int h)
    {
        const int M = 3;
        var random = new Random(h + 21);
        double[] w = Enumerable.Range(0, h).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] b = Enumerable.Range(0, h).Select(_ => (random.NextDouble() * 4) - 2).ToArray();
        double[] dw = new double[h], db = new double[h], ew = new double[h], eb = new double[h];

        double value = L.LayerGradient(w, b, h, M, dw, db);
        double exact = L.LayerExactGradient(w, b, h, M, ew, eb);

        Assert.Equal(BitConverter.DoubleToInt64Bits(L.Layer(w, b, h, M)), BitConverter.DoubleToInt64Bits(exact));
        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ew.Concat(eb).ToArray(), dw.Concat(db).ToArray());
        FiniteDifferences.CheckAt(p => L.Layer(p[..h], p[h..], h, M), w.Concat(b).ToArray(), dw.Concat(db).ToArray(), value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    public void FloatLayerAgreesWithTheCheckedDoubleLayer(int h)
    {
        const int M = 3;
        var random = new Random(h + 41);
        float[] w = Enumerable.Range(0, h).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] b = Enumerable.Range(0, h).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
        float[] dw = new float[h], db = new float[h];
        double[] ew = new double[h], eb = new double[h];

        float value = L.SingleLayerGradient(w, b, h, M, dw, db);
        double twin = L.LayerGradient(w.Select(v => (double)v).ToArray(), b.Select(v => (double)v).ToArray(), h, M, ew, eb);

        FiniteDifferences.AssertFloatTwin(value, twin, dw.Concat(db).ToArray(), ew.Concat(eb).ToArray(), 1e-4);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MapsGradientMatchesFiniteDifferencesAndItsExactTwin(int h) =>
        AssertAgainstTwinAndDifferences(Values(h, h + 31, 3), L.Maps, L.MapsGradient, L.MapsExactGradient);

    /// <summary>Lengths of x around the lanes: the loops run n - 1 terms (chain) and n - 2 (triples).</summary>
    public static TheoryData<int> NeighbourLengths() => new() { 0, 1, 2, 3, 8, 9, 10, 16, 17, 18, 34 };

    [Theory]
    [MemberData(nameof(NeighbourLengths))]
    public void ChainAddingAtTwoRunsMatchesFiniteDifferencesAndItsExactTwin(int n)
    {
        double[] x = Values(n, n + 51, 1.5);
        double[] dx = AssertAgainstTwinAndDifferences(x, L.Chain, L.ChainGradient, L.ChainExactGradient);

        // The pullback adds seed times the gradient, through its own scratch (the loop in lanes there too).
        double[] pulled = Enumerable.Repeat(0.25, n).ToArray();
        L.ChainPullback(x, n, -1.5, pulled);
        FiniteDifferences.AssertCloseToTwin(dx.Select(g => 0.25 - (1.5 * g)).ToArray(), pulled);
    }

    [Theory]
    [MemberData(nameof(NeighbourLengths))]
    public void TriplesAddingAtThreeRunsMatchFiniteDifferencesAndTheirExactTwin(int n) =>
        AssertAgainstTwinAndDifferences(Values(n, n + 61, 1.5), L.Triples, L.TriplesGradient, L.TriplesExactGradient);

    /// <summary>n values from a seeded generator, uniform in (-half, half).</summary>
    private static double[] Values(int n, int seed, double half)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 2 * half) - half).ToArray();
    }

    /// <summary>
    /// A one-array model (its length as the second argument): the <c>ExactSums</c> twin's value is the method's bit
    /// for bit, the vectorised value within the documented tolerance of it, the gradient close to the twin's and to
    /// central finite differences. Returns the gradient.
    /// </summary>
    private static double[] AssertAgainstTwinAndDifferences(
        double[] x, Func<double[], int, double> primal, GradientOf gradient, GradientOf exactGradient)
    {
        int n = x.Length;
        double[] dx = new double[n], ex = new double[n];
        double value = gradient(x, n, dx);
        double exact = exactGradient(x, n, ex);

        Assert.Equal(BitConverter.DoubleToInt64Bits(primal(x, n)), BitConverter.DoubleToInt64Bits(exact));
        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ex, dx);
        FiniteDifferences.CheckAt(p => primal(p, n), x, dx, value);
        return dx;
    }

    private delegate double GradientOf(double[] x, int n, Span<double> dx);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(35)]
    public void FloatChainAgreesWithTheCheckedDoubleChain(int n)
    {
        var random = new Random(n + 71);
        float[] x = Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 3) - 1.5)).ToArray();
        float[] dx = new float[n];
        double[] ex = new double[n];

        float value = L.SingleChainGradient(x, n, dx);
        double twin = L.ChainGradient(x.Select(v => (double)v).ToArray(), n, ex);

        FiniteDifferences.AssertFloatTwin(value, twin, dx, ex, 1e-4);
    }
}
