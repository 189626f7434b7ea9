using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace SymGrad.Samples.Tests;

/// <summary>Each command runs with small sizes, exits 0, prints its key numbers and writes non-empty PNG files.</summary>
public class CommandTests
{
    [Fact]
    public void PerceptronPrintsGSigmoidAndGradient()
    {
        using SampleRun run = SampleRun.Start("perceptron", "--quick");
        run.AssertSucceeded();
        Assert.Contains("g(x) = theta^T x                 = 0.6000", run.Output);
        Assert.Contains("step(g)       = 1", run.Output);
        Assert.Contains("h = sigmoid(g)    = 0.6457", run.Output);
        Assert.Contains("dh/dtheta, generated            = (0.228784, 0.228784, 0.228784)", run.Output);
        run.AssertPngs("perceptron.png");
    }

    [Fact]
    public void DiscriminantPrintsDistanceOneOverSqrt13AndCorrectsTheNotes()
    {
        using SampleRun run = SampleRun.Start("discriminant", "--quick");
        run.AssertSucceeded();
        Assert.Contains("1/sqrt(13) = 0.27735", run.Output);
        Assert.Contains("normal vector = grad_x g (generated) = (2.0, 3.0)", run.Output);
        Assert.Contains("only when the normal has unit length", run.Output);
        Assert.Matches(@"\(0\.0, 0\.0\)\s+1\.00\s+\+", run.Output);
        Assert.Matches(@"\(-1\.0, -1\.0\)\s+-4\.00\s+-", run.Output);
        run.AssertPngs("discriminant.png");
    }

    [Fact]
    public void LogisticPrintsLossPerEpochAndMatchingGradients()
    {
        using SampleRun run = SampleRun.Start("logistic", "--quick", "--epochs", "3");
        run.AssertSucceeded();
        Assert.Contains("epoch    1: J(w) =", run.Output);
        Assert.Contains("epoch    3: J(w) =", run.Output);
        Assert.Contains("(1/m) sum_i (h(x_i) - y_i) (1, x_i) =", run.Output);
        Assert.Matches(@"max \|difference\| = [0-9.]+E-01[5-9]", run.Output);
        run.AssertPngs("logistic-loss.png", "logistic-boundary.png");
    }

    [Fact]
    public void EmpiricalLossShowsAZeroSlopeStaircase()
    {
        using SampleRun run = SampleRun.Start("empirical-loss", "--quick");
        run.AssertSucceeded();
        Assert.Contains("dL01/dt", run.Output);
        Assert.Contains("L01 is unchanged between", run.Output);
        run.AssertPngs("empirical-loss.png");
    }

    [Fact]
    public void MulticlassCountsClassifiersAndCorrectsTheNotes()
    {
        using SampleRun run = SampleRun.Start("multiclass", "--quick");
        run.AssertSucceeded();
        Assert.Contains("one-vs-rest trains K = 3 binary classifiers", run.Output);
        Assert.Contains("one-vs-one trains K(K-1)/2 = 3*2/2 = 3 binary classifiers", run.Output);
        Assert.Contains("K(K+1)/2, which is wrong", run.Output);
        Assert.Contains("softmax regression", run.Output);
        run.AssertPngs("multiclass-accuracy.png", "multiclass-regions-one-vs-rest.png", "multiclass-regions-one-vs-one.png", "multiclass-regions-softmax.png");
    }

    [Fact]
    public void SoftmaxChecksTheJacobian()
    {
        using SampleRun run = SampleRun.Start("softmax", "--quick");
        run.AssertSucceeded();
        Assert.Contains("softmax(z) = (0.2312, 0.6285, 0.1402)", run.Output);
        Assert.Contains("row 0: (0.177759, -0.145332, -0.032428) | (0.177759, -0.145332, -0.032428)", run.Output);
        run.AssertPngs("softmax-loss.png", "softmax-regions.png");
    }

    [Fact]
    public void MlpRegressionFits()
    {
        using SampleRun run = SampleRun.Start("mlp-regression", "--quick");
        run.AssertSucceeded();
        Assert.Contains("mean squared error on the data:", run.Output);
        run.AssertPngs("mlp-regression-loss.png", "mlp-regression-fit.png");
    }

    [Fact]
    public void MlpBinaryDrawsRegions()
    {
        using SampleRun run = SampleRun.Start("mlp-binary", "--quick");
        run.AssertSucceeded();
        Assert.Contains("data: XOR", run.Output);
        run.AssertPngs("mlp-binary-loss.png", "mlp-binary-regions.png");
    }

    [Fact]
    public void MlpMulticlassDrawsRegions()
    {
        using SampleRun run = SampleRun.Start("mlp-multiclass", "--quick");
        run.AssertSucceeded();
        Assert.Contains("data: three spirals", run.Output);
        run.AssertPngs("mlp-multiclass-loss.png", "mlp-multiclass-regions.png");
    }

    [Fact]
    public void GatesPrintsEveryNodeAndWritesDot()
    {
        using SampleRun run = SampleRun.Start("gates", "--quick");
        run.AssertSucceeded();
        Assert.Matches(@"product\s+x \* y\s+6\s+-2", run.Output);
        Assert.Matches(@"sum\s+x \+ y\s+5\s+0\s", run.Output);
        Assert.Contains("dz/dx = -6, dz/dy = -4  (agrees with the chained gates)", run.Output);
        string dot = File.ReadAllText(Path.Combine(run.Directory, "gates.dot"));
        Assert.StartsWith("digraph gates {", dot);
        Assert.Contains("product -> larger;", dot);
        run.AssertPngs("gates.png");
    }

    [Fact]
    public void ShapesPrintsDimensions()
    {
        using SampleRun run = SampleRun.Start("shapes", "--quick");
        run.AssertSucceeded();
        Assert.Contains("df/dx has shape (3) (a vector, rank 1)", run.Output);
        Assert.Contains("dy/dx has shape (2 x 3) (a matrix, rank 2)", run.Output);
        Assert.Contains("dY/dx has shape (2 x 2 x 3) (a rank-3 tensor)", run.Output);
        run.AssertPngs("shapes-jacobian.png");
    }

    [Fact]
    public void ShapesShowsASymmetricHessianThatMatchesFiniteDifferences()
    {
        using SampleRun run = SampleRun.Start("shapes", "--quick");
        run.AssertSucceeded();
        Assert.Contains("d2f/dx2 has shape (3 x 3) (the Hessian, a symmetric matrix, rank 2), from the generated LogSumExpHessian:", run.Output);

        // The printed matrix itself is symmetric, and its first row is diag(s) - s s^T at x = (0.5, -1, 2).
        Assert.Contains("[0.144564, -0.006856, -0.137708]", run.Output);
        Assert.Contains("[-0.006856, 0.037583, -0.030727]", run.Output);
        Assert.Contains("[-0.137708, -0.030727, 0.168434]", run.Output);
        Assert.Matches(@"symmetric: max \|H_ij - H_ji\| = \S+  ok", run.Output);
        Match differences = Regex.Match(run.Output, @"per component: row i = central difference \(step 1E-5\) of the generated gradient along x_i: max \|difference\| = (\S+)  ok");
        Assert.True(differences.Success, run.Output);
        Assert.InRange(double.Parse(differences.Groups[1].Value, CultureInfo.InvariantCulture), 0, 1e-8);
        Assert.Matches(@"closed form diag\(s\) - s s\^T, s = softmax\(x\): max \|difference\| = \S+  ok", run.Output);
        run.AssertPngs("shapes-hessian.png");
    }

    [Fact]
    public void LearningRateFinderSuggestsARate()
    {
        using SampleRun run = SampleRun.Start("lr-finder", "--quick");
        run.AssertSucceeded();
        Assert.Contains("suggested learning rate", run.Output);
        Assert.Contains("too small", run.Output);
        Assert.Contains("too large", run.Output);
        run.AssertPngs("lr-finder.png", "lr-finder-training.png");
    }

    [Fact]
    public void StudentTLearnsHeavyTailsThroughTheCustomDerivative()
    {
        using SampleRun run = SampleRun.Start("student-t", "--quick");
        run.AssertSucceeded();
        Assert.Contains("data: synthetic, seeded (--seed 7)", run.Output);
        Assert.Matches(@"LogGammaGradient dx = 2\.674346662, central difference 2\.67434\d+  ok", run.Output);
        Assert.Matches(@"gradient at the trained w: generated \(.*\), max abs error against central differences .*  ok", run.Output);
        Assert.Matches(@"learned: nu = 0\.\d+ \(heavy tails", run.Output);
        Assert.Matches(@"Student t \(learned\)\s+0\.9\d+\s+1\.9\d+", run.Output);
        Assert.Matches(@"least squares\s+-0\.\d+\s+0\.\d+", run.Output);
        run.AssertPngs("student-t-fit.png");
    }

    [Fact]
    public void CurveFitConvergesWithTheGeneratedJacobian()
    {
        using SampleRun run = SampleRun.Start("curve-fit", "--quick");
        run.AssertSucceeded();
        Assert.Matches(@"Jacobian of the residuals \(24 x 4, generated ResidualsJacobian, forward mode\): largest relative difference from central differences \d\.\dE-0(0[6-9]|1\d)  ok", run.Output);
        Assert.Matches(@"Levenberg-Marquardt: Converged after \d+ iterations", run.Output);
        Assert.Matches(@"log10 EC50\s+-6\.500\s+-6\.[45]\d\d", run.Output);
        run.AssertPngs("curve-fit.png", "curve-fit-residuals.png");
    }

    [Fact]
    public void GradientCheckPasses()
    {
        using SampleRun run = SampleRun.Start("gradient-check", "--quick");
        run.AssertSucceeded();
        Assert.Contains("All generated gradients agree with finite differences.", run.Output);
    }
}
