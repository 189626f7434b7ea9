using System;
using SymGrad.Models;
using Xunit;

namespace SymGrad.Consumer.Tests.StudentT;

/// <summary>The least-squares baseline of the Student-t sample: exact on noiseless data, zero residual gradient otherwise.</summary>
public sealed class LeastSquaresTests
{
    [Fact]
    public void RecoversAnExactPlane()
    {
        // y = 0.5 - 1.5 x1 + 3 x2 on four rows (row-major features).
        double[] x = { 0, 0, 1, 0, 0, 1, 2, -1 };
        double[] y = { 0.5, -1.0, 3.5, -5.5 };
        double[] w = LeastSquares.Fit(x, y, 2);
        Assert.Equal(0.5, w[0], 12);
        Assert.Equal(-1.5, w[1], 12);
        Assert.Equal(3.0, w[2], 12);
    }

    [Fact]
    public void ResidualsAreOrthogonalToTheFeatures()
    {
        var random = new Random(5);
        var x = new double[30];
        var y = new double[30];
        for (int i = 0; i < 30; i++)
        {
            x[i] = random.NextDouble() * 4 - 2;
            y[i] = 1 + x[i] + random.NextDouble();
        }

        double[] w = LeastSquares.Fit(x, y, 1);
        double sum = 0, weighted = 0;
        for (int i = 0; i < 30; i++)
        {
            double residual = y[i] - w[0] - w[1] * x[i];
            sum += residual;
            weighted += residual * x[i];
        }

        Assert.True(Math.Abs(sum) < 1e-12 && Math.Abs(weighted) < 1e-12, $"normal equations not met: {sum}, {weighted}");
    }

    [Fact]
    public void CollinearFeaturesAreRejected() =>
        Assert.Throws<ArgumentException>(() => LeastSquares.Fit(new double[] { 1, 1, 1 }, new double[] { 1, 2, 3 }, 1));

    [Fact]
    public void MismatchedSizesAreRejected() =>
        Assert.Throws<ArgumentException>("x", () => LeastSquares.Fit(new double[] { 1, 2, 3 }, new double[] { 1, 2 }, 1));
}
