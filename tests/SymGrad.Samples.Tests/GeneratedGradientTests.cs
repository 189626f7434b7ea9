using System;
using System.Linq;
using SymGrad.Models;
using SymGrad.Samples.Models;
using Xunit;

namespace SymGrad.Samples.Tests;

/// <summary>Every generated gradient the samples use, against central finite differences (GradientCheck.Compare).</summary>
public class GeneratedGradientTests
{
    private static readonly GradientCheckOptions Options = new(Step: 1e-6, RelativeTolerance: 1e-5, AbsoluteTolerance: 1e-7);

    [Theory]
    [InlineData(0.3, -0.7)]
    [InlineData(-1.5, 2.0)]
    public void PlaneDiscriminantGradientIsTheNormal(double x1, double x2)
    {
        PlaneDiscriminant.ValueGradient(x1, x2, 1, 2, 3, out double d1, out double d2);
        Check(p => PlaneDiscriminant.Value(p[0], p[1], 1, 2, 3), new[] { x1, x2 }, new[] { d1, d2 });
        Assert.Equal(2.0, d1);
        Assert.Equal(3.0, d2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void SoftmaxComponentGradient(int i)
    {
        double[] z = { 1.0, 2.0, 0.5 };
        var dz = new double[z.Length];
        SoftmaxFunction.ComponentGradient(z, i, dz);
        Check(p => SoftmaxFunction.Component(p, i), z, dz);
    }

    [Fact]
    public void ShapesGradients()
    {
        double[] x = { 0.5, -1.0, 2.0 };
        var dx = new double[x.Length];
        GradientShapes.LogSumExpGradient(x, dx);
        Check(p => GradientShapes.LogSumExp(p), x, dx);

        double[,] a = { { 1.0, -0.5, 0.25 }, { 0.3, 0.8, -0.2 } };
        for (int i = 0; i < 2; i++)
        {
            GradientShapes.LayerOutputGradient(x, a, i, dx);
            Check(p => GradientShapes.LayerOutput(p, a, i), x, dx);
            for (int j = 0; j < 2; j++)
            {
                GradientShapes.OuterEntryGradient(x, i, j, dx);
                Check(p => GradientShapes.OuterEntry(p, i, j), x, dx);
            }
        }
    }

    [Theory]
    [InlineData(0.8, -0.5)]
    [InlineData(-1.2, 0.7)]
    public void ScalarFunctionGradients(double x, double y)
    {
        ScalarFunctions.SmoothGradient(x, y, out double dx, out double dy);
        Check(p => ScalarFunctions.Smooth(p[0], p[1]), new[] { x, y }, new[] { dx, dy });
        ScalarFunctions.PiecewiseGradient(x, y, out dx, out dy);
        Check(p => ScalarFunctions.Piecewise(p[0], p[1]), new[] { x, y }, new[] { dx, dy });
    }

    [Fact]
    public void LogisticUnitOutputGradient()
    {
        double[] theta = { 0.1, 0.2, 0.3 };
        double[] x = { 1.0, 1.0 };
        var d = new double[3];
        LogisticUnit.OutputGradient(theta, x, d);
        Check(p => LogisticUnit.Output(p, x), theta, d);
    }

    [Fact]
    public void GateGradients()
    {
        foreach ((double x, double y) in new[] { (2.0, 3.0), (3.0, -1.0) })
        {
            Gates.GraphGradient(x, y, -2, out double dx, out double dy);
            Check(p => Gates.Graph(p[0], p[1], -2), new[] { x, y }, new[] { dx, dy });
            Gates.MultiplyGradient(x, y, out dx, out dy);
            Check(p => Gates.Multiply(p[0], p[1]), new[] { x, y }, new[] { dx, dy });
            Gates.AddGradient(x, y, out dx, out dy);
            Check(p => Gates.Add(p[0], p[1]), new[] { x, y }, new[] { dx, dy });
            Gates.MaxGradient(x, y, out dx, out dy);
            Check(p => Gates.Max(p[0], p[1]), new[] { x, y }, new[] { dx, dy });
        }
    }

    [Fact]
    public void SeedLossGradients()
    {
        var random = new Random(5);
        int m = 12, n = 2, h = 4, k = 3;
        double[] x = Enumerable.Range(0, m * n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] binary = Enumerable.Range(0, m).Select(i => (double)(i % 2)).ToArray();
        int[] labels = Enumerable.Range(0, m).Select(i => i % k).ToArray();
        double[] targets = Enumerable.Range(0, m).Select(_ => random.NextDouble()).ToArray();

        double[] w = Random(random, LogisticRegression.ParameterCount(n));
        var dw = new double[w.Length];
        LogisticRegression.LossGradient(w, x, binary, n, dw);
        Check(p => LogisticRegression.Loss(p, x, binary, n), w, dw);

        w = Random(random, SoftmaxRegression.ParameterCount(n, k));
        dw = new double[w.Length];
        SoftmaxRegression.LossGradient(w, x, labels, n, k, dw);
        Check(p => SoftmaxRegression.Loss(p, x, labels, n, k), w, dw);

        w = TwoLayerNetwork.InitialParameters(n, h, 1, 3);
        dw = new double[w.Length];
        TwoLayerNetwork.RegressionLossGradient(w, x, targets, n, h, dw);
        Check(p => TwoLayerNetwork.RegressionLoss(p, x, targets, n, h), w, dw);
        TwoLayerNetwork.BinaryLossGradient(w, x, binary, n, h, dw);
        Check(p => TwoLayerNetwork.BinaryLoss(p, x, binary, n, h), w, dw);

        w = TwoLayerNetwork.InitialParameters(n, h, k, 4);
        dw = new double[w.Length];
        TwoLayerNetwork.MulticlassLossGradient(w, x, labels, n, h, k, dw);
        Check(p => TwoLayerNetwork.MulticlassLoss(p, x, labels, n, h, k), w, dw);

        // Through the [DerivativeOf] derivative of ln Γ; w = (bias, weights, log ν, log σ).
        w = Random(random, StudentTRegression.ParameterCount(n));
        dw = new double[w.Length];
        StudentTRegression.NegativeLogLikelihoodGradient(w, x, targets, n, dw);
        Check(p => StudentTRegression.NegativeLogLikelihood(p, x, targets, n), w, dw);
    }

    private static double[] Random(Random random, int length) => Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.5).ToArray();

    private static void Check(Func<double[], double> f, double[] x, double[] analytic)
    {
        GradientCheckReport report = GradientCheck.Compare(f, x, analytic, Options);
        Assert.True(report.Passed, report.ToString());
    }
}
