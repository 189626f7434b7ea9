using System;
using ScottPlot;
using SymGrad.Data;
using SymGrad.Models;
using SymGrad.Optimizers;
using SymGrad.Samples.Data;
using SymGrad.Samples.Infrastructure;
using SymGrad.Samples.Plotting;
using SymGrad.Samples.Training;
using SymGrad.Training;

namespace SymGrad.Samples.Commands;

/// <summary>
/// Robust regression with Student-t noise whose degrees of freedom are learned: the model calls ln Γ, which SymGrad cannot
/// read, and its generated gradient uses the <c>[DerivativeOf]</c> derivative <c>SpecialFunctions.LogGammaGradient</c>.
/// The fitted line is set against ordinary least squares on a line with gross outliers.
/// </summary>
internal sealed class StudentTCommand : SampleCommand
{
    private const double OutlierFraction = 0.15;

    public override string Name => "student-t";

    public override string Description => "Robust regression with Student-t noise and learned degrees of freedom, through a custom [DerivativeOf] derivative of ln Γ: fit against least squares.";

    public override string Title => "Robust regression with Student-t noise: a custom derivative of ln Γ";

    public override bool Trains => true;

    public override int Run(SampleContext context)
    {
        int count = context.SizeOr(200, 120);
        int outliers = (int)Math.Round(OutlierFraction * count);
        DataSet data = SyntheticData.LineWithOutliers(count, outliers, context.Seed);
        context.WriteLine($"data: synthetic, seeded (--seed {context.Seed}): y = {SampleContext.F(SyntheticData.LineBias, 1)} + {SampleContext.F(SyntheticData.LineSlope, 1)} x + N(0, {SampleContext.F(SyntheticData.LineNoise, 1)}^2), {count} points with x in [-3, 3];");
        context.WriteLine($"      {outliers} of them are outliers 8 to 14 below the line at x in [1.5, 3] (no data set in ../shared/data has known outliers)");
        context.WriteLine("model: y = w0 + w1 x + sigma eps, eps ~ Student t with nu degrees of freedom; parameters (w0, w1, log nu, log sigma)");
        context.WriteLine("loss: mean of -log t_nu(r/sigma) + log sigma, log t_nu(z) = lnG((nu+1)/2) - lnG(nu/2) - 1/2 ln(nu pi) - (nu+1)/2 ln(1 + z^2/nu)");

        double[] w = StudentTRegression.InitialParameters(data.Targets, 1);
        bool passed = ShowCustomDerivative(context, Math.Exp(w[StudentTRegression.LogNuIndex(1)]) / 2);
        passed &= CheckGradient(context, "at the start", w, data);

        int epochs = context.EpochsOr(200, 80);
        double rate = context.LearningRateOr(0.05);
        context.WriteLine($"Adam, learning rate {SampleContext.Rate(rate)}, batches of 25, {epochs} epochs, from a flat line with nu = 30 (close to Gaussian):");
        TrainingResult result = TrainingRun.Fit(context, "student-t regression", new Adam(rate), GeneratedLosses.StudentT(), w, data, new TrainerOptions { Epochs = epochs, BatchSize = 25, Seed = context.Seed });
        TrainingRun.RequireConverged(result);
        TrainingRun.PrintLosses(context, result, every: Math.Max(1, epochs / 5), "mean -log p(y | x)");
        passed &= CheckGradient(context, "at the trained w", w, data);

        double nu = Math.Exp(w[StudentTRegression.LogNuIndex(1)]);
        double sigma = Math.Exp(w[StudentTRegression.LogSigmaIndex(1)]);
        context.WriteLine($"learned: nu = {SampleContext.F(nu, 3)} ({(nu < 5 ? "heavy tails" : "light tails")}; nu -> infinity is Gaussian noise), sigma = {SampleContext.F(sigma, 3)}");
        context.WriteLine($"         (sigma is the t distribution's scale, not a standard deviation: for nu <= 2 the noise has none; the inliers' is {SampleContext.F(SyntheticData.LineNoise, 1)})");

        double[] leastSquares = LeastSquares.Fit(data.Features, data.Targets, 1);
        var table = new TextTable("line", "bias", "slope", "|slope - true slope|");
        table.AddRow("truth", SampleContext.F(SyntheticData.LineBias), SampleContext.F(SyntheticData.LineSlope), SampleContext.F(0));
        table.AddRow("Student t (learned)", SampleContext.F(w[0]), SampleContext.F(w[1]), SampleContext.F(Math.Abs(w[1] - SyntheticData.LineSlope)));
        table.AddRow("least squares", SampleContext.F(leastSquares[0]), SampleContext.F(leastSquares[1]), SampleContext.F(Math.Abs(leastSquares[1] - SyntheticData.LineSlope)));
        table.WriteTo(context.Out);

        Charts.Save(context, FitPlot(data, outliers, w, leastSquares, nu), "student-t-fit.png");
        return passed ? 0 : 1;
    }

    /// <summary>The [DerivativeOf] method at one point, next to a central difference of the function it differentiates.</summary>
    private static bool ShowCustomDerivative(SampleContext context, double x)
    {
        double value = SpecialFunctions.LogGammaGradient(x, out double dx);
        GradientCheckReport report = GradientCheck.Compare(p => SpecialFunctions.LogGamma(p[0]), new[] { x }, new[] { dx });
        double numeric = GradientCheck.CentralDifferences(p => SpecialFunctions.LogGamma(p[0]), new[] { x })[0];
        context.WriteLine("lnG = SpecialFunctions.LogGamma is C# SymGrad does not read (Lanczos); [DerivativeOf(nameof(LogGamma))] LogGammaGradient supplies d lnG/dx = digamma(x),");
        context.WriteLine("and the generated NegativeLogLikelihoodGradient calls it for both lnG terms:");
        context.WriteLine($"  at x = {SampleContext.F(x, 1)} (nu/2 at the start): lnG(x) = {SampleContext.F(value, 9)}, LogGammaGradient dx = {SampleContext.F(dx, 9)}, central difference {SampleContext.F(numeric, 9)}  {(report.Passed ? "ok" : "MISMATCH")}");
        return report.Passed;
    }

    private static bool CheckGradient(SampleContext context, string where, double[] w, DataSet data)
    {
        var generated = new double[w.Length];
        StudentTRegression.NegativeLogLikelihoodGradient(w, data.Features, data.Targets, 1, generated);
        double[] x = data.Features.ToArray();
        double[] y = data.Targets.ToArray();
        GradientCheckReport report = GradientCheck.Compare(p => StudentTRegression.NegativeLogLikelihood(p, x, y, 1), w, generated);
        context.WriteLine($"gradient {where}: generated {SampleContext.Vector(generated, 6)}, max abs error against central differences {report.MaxAbsoluteError:E1}  {(report.Passed ? "ok" : "MISMATCH")}");
        return report.Passed;
    }

    private static Plot FitPlot(DataSet data, int outliers, double[] w, double[] leastSquares, double nu)
    {
        Plot plot = Charts.Create($"Student-t regression (nu = {SampleContext.F(nu, 2)}) against least squares", "x", "y");
        double[] x = data.Features.ToArray();
        double[] y = data.Targets.ToArray();
        var inliers = plot.Add.ScatterPoints(x[outliers..], y[outliers..], ClassColors.Class(0));
        inliers.LegendText = "data";
        var gross = plot.Add.ScatterPoints(x[..outliers], y[..outliers], ClassColors.Class(2));
        gross.LegendText = "outliers";
        AddLine(plot, SyntheticData.LineBias, SyntheticData.LineSlope, Colors.Gray, "truth y = 1 + 2x", dashed: true);
        AddLine(plot, leastSquares[0], leastSquares[1], ClassColors.Class(1), "least squares", dashed: false);
        AddLine(plot, w[0], w[1], Colors.Black, "Student t", dashed: false);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static void AddLine(Plot plot, double bias, double slope, Color color, string label, bool dashed)
    {
        var line = plot.Add.Line(-3.2, bias - (3.2 * slope), 3.2, bias + (3.2 * slope));
        line.LegendText = label;
        line.LineColor = color;
        line.LineWidth = 2;
        if (dashed)
        {
            line.LinePattern = LinePattern.Dashed;
        }
    }
}
