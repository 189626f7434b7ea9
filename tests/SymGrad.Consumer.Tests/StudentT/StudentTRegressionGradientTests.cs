using System;
using SymGrad.Models;
using Xunit;

namespace SymGrad.Consumer.Tests.StudentT;

/// <summary>
/// The generated NegativeLogLikelihoodGradient, which differentiates through SpecialFunctions.LogGamma by
/// its [DerivativeOf] derivative, against central finite differences: small and large ν, one and two features.
/// </summary>
public sealed class StudentTRegressionGradientTests
{
    // Two features, five rows (row-major); the last row is an outlier.
    private static readonly double[] X2 = { 0.5, -1.0, 1.5, 0.25, -0.75, 2.0, 2.5, -0.5, -2.0, 1.0 };
    private static readonly double[] Y2 = { 1.2, 2.9, -0.4, 4.1, -9.0 };

    // One feature, six rows.
    private static readonly double[] X1 = { -2.0, -1.0, 0.0, 0.5, 1.5, 3.0 };
    private static readonly double[] Y1 = { -3.1, -0.8, 1.1, 2.2, 3.7, -4.0 };

    /// <summary>(bias, w_1, w_2, log ν, log σ).</summary>
    [Theory]
    [InlineData(0.3, 1.1, -0.6, 0.0, 0.2)]
    [InlineData(-0.5, 0.4, 2.0, -1.2, -0.3)]
    [InlineData(1.0, -0.2, 0.7, 3.5, 0.9)]
    [InlineData(0.0, 0.0, 0.0, 0.7, 1.5)]
    public void TwoFeatures(double bias, double w1, double w2, double logNu, double logSigma) =>
        CheckAt(new[] { bias, w1, w2, logNu, logSigma }, X2, Y2, 2);

    /// <summary>(bias, slope, log ν, log σ).</summary>
    [Theory]
    [InlineData(1.0, 2.0, 0.5, -0.7)]
    [InlineData(-0.3, 0.8, 2.3, 0.4)]
    [InlineData(0.2, -1.5, -2.0, 1.2)]
    public void OneFeature(double bias, double slope, double logNu, double logSigma) =>
        CheckAt(new[] { bias, slope, logNu, logSigma }, X1, Y1, 1);

    [Fact]
    public void TheLogDensityIntegratesToOne()
    {
        // Checks the model, not only its gradient: with one row and no features, exp(-NLL) over y is
        // the density of σ t_ν around the bias, so its integral is 1 (trapezoid rule; ν = 3 decays like |y|^-4).
        double[] w = { 0.4, Math.Log(3), Math.Log(0.8) };
        double integral = 0;
        const double Step = 1e-3;
        for (double y = -400; y <= 400; y += Step)
        {
            integral += Math.Exp(-StudentTRegression.NegativeLogLikelihood(w, Array.Empty<double>(), new[] { y }, 0)) * Step;
        }

        Assert.True(Math.Abs(integral - 1) < 1e-6, $"integral {integral}");
    }

    private static void CheckAt(double[] w, double[] x, double[] y, int n)
    {
        var dw = new double[w.Length];
        double value = StudentTRegression.NegativeLogLikelihoodGradient(w, x, y, n, dw);
        FiniteDifferences.CheckAt(p => StudentTRegression.NegativeLogLikelihood(p, x, y, n), w, dw, value);
    }
}
