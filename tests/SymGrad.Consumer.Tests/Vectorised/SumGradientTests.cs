using System;
using System.Linq;
using Xunit;
using S = SymGrad.Consumer.Tests.Vectorised.SumModels;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Element-wise loops that sum into the enclosing code, at every length around their lanes and the row tiles of 32 and
/// of 64 (a long tile: one product per row) (0, 1, 7, 8, 9, 15, 16, 17, 33, 63, 64, 65, 130): gradients against central finite differences, the value within the documented
/// tolerance of the method's, and the gradient equal to the <c>ExactSums</c> twin's up to the summation order and the
/// vector exp and log's last bits.
/// </summary>
public sealed class SumGradientTests
{
    private const int N = 3;

    public static TheoryData<int> Lengths() => new() { 0, 1, 7, 8, 9, 15, 16, 17, 33, 63, 64, 65, 130 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void LogisticGradientMatchesFiniteDifferencesAndItsExactTwin(int m)
    {
        var random = new Random(m + 51);
        double[] w = Enumerable.Range(0, N + 1).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] x = Enumerable.Range(0, m * N).Select(_ => (random.NextDouble() * 6) - 3).ToArray();
        double[] y = Enumerable.Range(0, m).Select(_ => random.NextDouble() < 0.5 ? 0.0 : 1.0).ToArray();
        double[] dw = new double[N + 1], ew = new double[N + 1];

        double value = S.LogisticGradient(w, x, y, N, dw);
        double exact = S.LogisticExactGradient(w, x, y, N, ew);

        Assert.Equal(BitConverter.DoubleToInt64Bits(S.Logistic(w, x, y, N)), BitConverter.DoubleToInt64Bits(exact));
        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ew, dw);
        FiniteDifferences.CheckAt(p => S.Logistic(p, x, y, N), w, dw, value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(65)]
    public void FloatLogisticAgreesWithTheCheckedDoubleLogistic(int m)
    {
        var random = new Random(m + 61);
        float[] w = Enumerable.Range(0, N + 1).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] x = Enumerable.Range(0, m * N).Select(_ => (float)((random.NextDouble() * 6) - 3)).ToArray();
        float[] y = Enumerable.Range(0, m).Select(_ => random.NextDouble() < 0.5 ? 0f : 1f).ToArray();
        float[] dw = new float[N + 1];
        double[] ew = new double[N + 1];

        float value = S.SingleLogisticGradient(w, x, y, N, dw);
        double twin = S.LogisticGradient(w.Select(v => (double)v).ToArray(), x.Select(v => (double)v).ToArray(), y.Select(v => (double)v).ToArray(), N, ew);

        FiniteDifferences.AssertFloatTwin(value, twin, dw, ew, 1e-5);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ASumOfNegativeZerosKeepsItsSign(int h)
    {
        double[] w = Enumerable.Range(0, h).Select(j => j * 0.1).ToArray();
        double[] dw = new double[h];

        double value = S.SignedZeroGradient(w, h, dw);

        Assert.Equal(BitConverter.DoubleToInt64Bits(S.SignedZero(w, h)), BitConverter.DoubleToInt64Bits(value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(value));
        FiniteDifferences.CheckAt(p => S.SignedZero(p, h), w, dw, value);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ScaledGradientMatchesFiniteDifferencesAndItsExactTwin(int h)
    {
        var random = new Random(h + 71);
        double[] w = Enumerable.Range(0, h).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        double[] dw = new double[h], ew = new double[h];

        double value = S.ScaledGradient(w, 0.8, h, dw, out double ds);
        double exact = S.ScaledExactGradient(w, 0.8, h, ew, out double es);

        Assert.Equal(BitConverter.DoubleToInt64Bits(S.Scaled(w, 0.8, h)), BitConverter.DoubleToInt64Bits(exact));
        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ew.Append(es).ToArray(), dw.Append(ds).ToArray());
        FiniteDifferences.CheckAt(p => S.Scaled(p[..h], p[h], h), w.Append(0.8).ToArray(), dw.Append(ds).ToArray(), value);
    }
}
