using System;
using System.Linq;
using Xunit;
using L = SymGrad.Consumer.Tests.Vectorised.RowSavedValueModels;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Row lanes with two saved values per iteration (<see cref="RowSavedValueModels"/>): rows around the eight lanes (16 in
/// <c>float</c>) and the tile of 32, one to ten classes. Gradients against central finite differences and the
/// <c>ExactSums</c> twin; the <c>float</c> model against the checked <c>double</c> one.
/// </summary>
public sealed class RowSavedValueGradientTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 2, 3 }, { 7, 3, 2 }, { 8, 1, 10 }, { 9, 2, 1 }, { 16, 3, 4 }, { 17, 0, 5 }, { 33, 2, 10 }, { 70, 3, 7 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TwoPerClassMatchesFiniteDifferencesAndItsExactTwin(int m, int n, int k)
    {
        double[] x = Uniform(m * n, 1, 1.0), w = Uniform(k * n, 2, 0.7);
        double[] dw = new double[w.Length], ew = new double[w.Length];

        double value = L.TwoPerClassGradient(w, x, m, n, k, dw);
        double exact = L.TwoPerClassExactGradient(w, x, m, n, k, ew);

        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ew, dw);
        FiniteDifferences.CheckAt(p => L.TwoPerClass(p, x, m, n, k), w, dw, value);
    }

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(16, 3, 4)]
    [InlineData(33, 2, 10)]
    [InlineData(70, 3, 7)]
    public void FloatTwoPerClassAgreesWithTheCheckedDoubleModel(int m, int n, int k)
    {
        float[] F(double[] values) => values.Select(v => (float)v).ToArray();
        double[] Widen(float[] values) => values.Select(v => (double)v).ToArray();
        float[] x = F(Uniform(m * n, 3, 1.0)), w = F(Uniform(k * n, 4, 0.7));
        float[] dw = new float[w.Length];
        double[] ew = new double[w.Length];

        float value = L.SingleTwoPerClassGradient(w, x, m, n, k, dw);
        double twin = L.TwoPerClassGradient(Widen(w), Widen(x), m, n, k, ew);

        FiniteDifferences.AssertFloatTwin(value, twin, dw, ew, 1e-4);
    }

    private static double[] Uniform(int length, int seed, double scale)
    {
        var random = new Random(seed + (length * 7));
        return Enumerable.Range(0, length).Select(_ => scale * ((random.NextDouble() * 2) - 1)).ToArray();
    }
}
