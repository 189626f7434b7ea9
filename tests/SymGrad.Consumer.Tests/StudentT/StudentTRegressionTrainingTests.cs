using System;
using SymGrad.Data;
using SymGrad.Models;
using SymGrad.Optimizers;
using SymGrad.Training;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Consumer.Tests.StudentT;

/// <summary>
/// Training StudentTRegression with the runtime's Adam and the generated gradient on a seeded line with
/// gross outliers: it must learn heavy tails (small ν) and a slope closer to the truth than least squares.
/// </summary>
public sealed class StudentTRegressionTrainingTests
{
    private const double TrueBias = 1.0;
    private const double TrueSlope = 2.0;
    private const double NoiseSigma = 0.5;

    private readonly ITestOutputHelper output;

    public StudentTRegressionTrainingTests(ITestOutputHelper output) => this.output = output;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void LearnsHeavyTailsAndIgnoresTheOutliers(int seed)
    {
        DataSet data = LineWithOutliers(200, 0.15, seed);
        double[] leastSquares = LeastSquares.Fit(data.Features, data.Targets, 1);

        double[] w = StudentTRegression.InitialParameters(data.Targets, 1);
        var trainer = new Trainer(
            new Adam(0.05),
            (p, batch, g) => StudentTRegression.NegativeLogLikelihoodGradient(p, batch.Features, batch.Targets, batch.FeatureCount, g),
            new TrainerOptions { Epochs = 150, BatchSize = 50, Seed = seed });
        TrainingResult result = trainer.Fit(w, data);

        double nu = Math.Exp(w[StudentTRegression.LogNuIndex(1)]);
        double sigma = Math.Exp(w[StudentTRegression.LogSigmaIndex(1)]);
        output.WriteLine($"seed {seed}: nu {nu:F3}, sigma {sigma:F3}, line {w[0]:F3} + {w[1]:F3} x; least squares {leastSquares[0]:F3} + {leastSquares[1]:F3} x; {result.Message}");

        Assert.False(result.Diverged, result.Message);
        Assert.True(nu < 5, $"nu = {nu}: the outliers should make the learned tails heavy");
        Assert.True(Math.Abs(w[1] - TrueSlope) < 0.5 * Math.Abs(leastSquares[1] - TrueSlope), $"slope {w[1]} vs least squares {leastSquares[1]} (truth {TrueSlope})");
        Assert.True(Math.Abs(w[1] - TrueSlope) < 0.15, $"slope {w[1]} (truth {TrueSlope})");
        Assert.True(Math.Abs(w[0] - TrueBias) < 0.25, $"bias {w[0]} (truth {TrueBias})");
    }

    [Fact]
    public void OnGaussianDataTheTailsStayLight()
    {
        // The contrast that makes the small ν above mean something: without outliers ν stays large.
        DataSet data = LineWithOutliers(400, 0.0, 7);
        double[] w = StudentTRegression.InitialParameters(data.Targets, 1);
        var trainer = new Trainer(
            new Adam(0.05),
            (p, batch, g) => StudentTRegression.NegativeLogLikelihoodGradient(p, batch.Features, batch.Targets, batch.FeatureCount, g),
            new TrainerOptions { Epochs = 150, BatchSize = 50, Seed = 7 });
        trainer.Fit(w, data);

        double nu = Math.Exp(w[StudentTRegression.LogNuIndex(1)]);
        double sigma = Math.Exp(w[StudentTRegression.LogSigmaIndex(1)]);
        output.WriteLine($"Gaussian noise: nu {nu:F3}, sigma {sigma:F3}, line {w[0]:F3} + {w[1]:F3} x");
        Assert.True(nu > 10, $"nu = {nu}");
        Assert.True(Math.Abs(sigma - NoiseSigma) < 0.1, $"sigma = {sigma}");
    }

    /// <summary>
    /// y = 1 + 2x + N(0, 0.5²) for x uniform in [-3, 3]; a fraction of the rows are gross outliers at
    /// the right end (x in [1.5, 3]) 8 to 14 below the line, which drag a least-squares slope down.
    /// </summary>
    private static DataSet LineWithOutliers(int count, double outlierFraction, int seed)
    {
        var random = new Random(seed);
        var x = new double[count];
        var y = new double[count];
        int outliers = (int)Math.Round(outlierFraction * count);
        for (int i = 0; i < count; i++)
        {
            bool outlier = i < outliers;
            x[i] = outlier ? 1.5 + (1.5 * random.NextDouble()) : -3 + (6 * random.NextDouble());
            y[i] = TrueBias + (TrueSlope * x[i]) + (NoiseSigma * Normal(random)) - (outlier ? 8 + (6 * random.NextDouble()) : 0);
        }

        return new DataSet(x, y, 1);
    }

    private static double Normal(Random random)
    {
        double u = 1.0 - random.NextDouble();
        double v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}
