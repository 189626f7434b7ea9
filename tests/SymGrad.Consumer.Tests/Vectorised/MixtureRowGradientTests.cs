using System;
using System.Linq;
using Xunit;
using R = SymGrad.Consumer.Tests.Vectorised.MixtureRowModels;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// A mixture's points in row lanes without tiles (<see cref="MixtureRowModels"/>) at the edges of their groups and
/// tiles: points 0, 1, 7, 8, 9, 31, 32, 33 and 70, dimensions 1 (an empty triangle), 2, 3 and 9 (more than a vector),
/// components 1, 3 and 8. Gradients against central finite differences, the value within the documented tolerance of
/// the twin's, the gradient equal to the <c>ExactSums</c> twin's (points one at a time) up to rounding.
/// </summary>
public sealed class MixtureRowGradientTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 0, 2, 3 }, { 1, 2, 3 }, { 7, 3, 1 }, { 8, 1, 3 }, { 9, 3, 3 }, { 31, 2, 8 }, { 32, 3, 3 }, { 33, 9, 3 }, { 70, 3, 3 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MixtureGradientMatchesFiniteDifferencesAndItsExactTwin(int m, int d, int k)
    {
        var random = new Random(31 * m + 7 * d + k);
        double[] Draw(int length, double scale) => Enumerable.Range(0, length).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();
        int triangle = d * (d - 1) / 2;
        double[] means = Draw(k * d, 1.0), q = Draw(k * d, 0.4), l = Draw(k * triangle, 0.5), weights = Draw(k, 0.8), x = Draw(m * d, 1.5);
        double[] Gradient(Func<double[], double[], double[], double[], double[]> run)
        {
            var dm = new double[means.Length];
            var dq = new double[q.Length];
            var dl = new double[l.Length];
            var dw = new double[weights.Length];
            double value = run(dm, dq, dl, dw)[0];
            return new[] { value }.Concat(dm).Concat(dq).Concat(dl).Concat(dw).ToArray();
        }

        double[] lanes = Gradient((dm, dq, dl, dw) => new[] { R.MixtureGradient(means, q, l, weights, x, m, d, k, dm, dq, dl, dw) });
        double[] exact = Gradient((dm, dq, dl, dw) => new[] { R.MixtureExactGradient(means, q, l, weights, x, m, d, k, dm, dq, dl, dw) });

        FiniteDifferences.AssertValue(exact[0], lanes[0]);
        FiniteDifferences.AssertCloseToTwin(exact[1..], lanes[1..]);
        double[] point = means.Concat(q).Concat(l).Concat(weights).ToArray();
        int a = means.Length, b = a + q.Length, c = b + l.Length;
        FiniteDifferences.CheckAt(p => R.Mixture(p[..a], p[a..b], p[b..c], p[c..], x, m, d, k), point, lanes[1..], lanes[0]);
    }

    [Fact]
    public void PointsInLanesGiveTheSameGradientForEveryRunOfTheSameInput()
    {
        // Lanes keep no state between calls: the pooled lane rows come back cleared or fully written.
        const int M = 21, D = 3, K = 3;
        var random = new Random(3);
        double[] Draw(int length) => Enumerable.Range(0, length).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] means = Draw(K * D), q = Draw(K * D), l = Draw(K * 3), weights = Draw(K), x = Draw(M * D);
        double[] Run()
        {
            double[] dm = new double[means.Length], dq = new double[q.Length], dl = new double[l.Length], dw = new double[K];
            double value = R.MixtureGradient(means, q, l, weights, x, M, D, K, dm, dq, dl, dw);
            return new[] { value }.Concat(dm).Concat(dq).Concat(dl).Concat(dw).ToArray();
        }

        double[] first = Run();
        Assert.Equal(first, Run());
    }
}
