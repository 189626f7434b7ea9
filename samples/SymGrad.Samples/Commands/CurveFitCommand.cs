using System;
using System.Linq;
using ScottPlot;
using SymGrad.Models;
using SymGrad.Samples.Infrastructure;
using SymGrad.Samples.Plotting;
using SymGrad.Solvers;

namespace SymGrad.Samples.Commands;

/// <summary>
/// Nonlinear least squares: a four-parameter logistic dose-response curve fitted to noisy synthetic
/// measurements by Levenberg-Marquardt, with the Jacobian of the residuals from the generated
/// <c>DoseResponse.ResidualsJacobian</c> (forward mode: one tangent per parameter).
/// </summary>
internal sealed class CurveFitCommand : SampleCommand
{
    private static readonly double[] Truth = { 5.0, 95.0, -6.5, 1.2 };

    public override string Name => "curve-fit";

    public override string Description => "A 4-parameter logistic dose-response curve fitted by Levenberg-Marquardt with the generated Jacobian of its residuals.";

    public override string Title => "Curve fitting: Levenberg-Marquardt on a generated Jacobian";

    public override int Run(SampleContext context)
    {
        int doses = context.SizeOr(12, 8);
        const int Replicates = 3;
        var random = new Random(context.Seed);
        double[] logDose = Enumerable.Range(0, doses * Replicates).Select(i => -9.0 + 5.0 * (i / Replicates) / (doses - 1)).ToArray();
        double[] response = logDose.Select(d => DoseResponse.Response(Truth, d) + 3.0 * Normal(random)).ToArray();
        context.WriteLine($"data: synthetic, seeded (--seed {context.Seed}): {doses} log10 doses from -9 to -4, {Replicates} replicates each, noise N(0, 3^2)");
        context.WriteLine($"truth: bottom {Truth[0]}, top {Truth[1]}, log10 EC50 {Truth[2]}, Hill slope {Truth[3]}");
        context.WriteLine("model: y = bottom + (top - bottom) / (1 + 10^((logEC50 - log10 d) hill)); residuals r_i = y(d_i) - y_i, a vector-valued [Differentiable] method");

        double[] p = { response.Min(), response.Max(), logDose.Average(), 1.0 };
        bool jacobianOk = CheckJacobian(context, p, logDose, response);
        var residuals = new double[logDose.Length];
        SolverResult result = new LevenbergMarquardtSolver().Minimize(p, logDose.Length, (x, r, jacobian) =>
        {
            double[] parameters = x.ToArray();
            DoseResponse.ResidualsJacobian(parameters, logDose, response, r, jacobian);
        });

        context.WriteLine($"Levenberg-Marquardt: {result.StopReason} after {result.Iterations} iterations, final 1/2 |r|^2 = {SampleContext.F(result.FinalValue, 4)}, gradient norm {result.FinalGradientNorm:E1}");
        var table = new TextTable("parameter", "truth", "fitted");
        string[] names = { "bottom", "top", "log10 EC50", "Hill slope" };
        for (int k = 0; k < p.Length; k++)
        {
            table.AddRow(names[k], SampleContext.F(Truth[k], 3), SampleContext.F(p[k], 3));
        }

        table.WriteTo(context.Out);
        DoseResponse.Residuals(p, logDose, response, residuals);
        double rms = Math.Sqrt(residuals.Sum(r => r * r) / residuals.Length);
        context.WriteLine($"residual RMS {SampleContext.F(rms, 3)} (the noise's standard deviation is 3)");
        Charts.Save(context, FitPlot(logDose, response, p), "curve-fit.png");
        Charts.Save(context, ResidualPlot(logDose, residuals), "curve-fit-residuals.png");
        return jacobianOk && result.Converged ? 0 : 1;
    }

    /// <summary>The generated Jacobian at the start, against central differences of the residuals.</summary>
    private static bool CheckJacobian(SampleContext context, double[] p, double[] logDose, double[] response)
    {
        int m = logDose.Length;
        var jacobian = new double[m * p.Length];
        DoseResponse.ResidualsJacobian(p, logDose, response, new double[m], jacobian);
        double worst = 0;
        for (int k = 0; k < p.Length; k++)
        {
            double[] up = (double[])p.Clone(), down = (double[])p.Clone();
            up[k] += 1e-6;
            down[k] -= 1e-6;
            var ru = new double[m];
            var rd = new double[m];
            DoseResponse.Residuals(up, logDose, response, ru);
            DoseResponse.Residuals(down, logDose, response, rd);
            for (int i = 0; i < m; i++)
            {
                double central = (ru[i] - rd[i]) / 2e-6;
                worst = Math.Max(worst, Math.Abs(jacobian[i * p.Length + k] - central) / (1 + Math.Abs(central)));
            }
        }

        bool ok = worst <= 1e-6;
        context.WriteLine($"Jacobian of the residuals ({m} x {p.Length}, generated ResidualsJacobian, forward mode): largest relative difference from central differences {worst:E1}  {(ok ? "ok" : "MISMATCH")}");
        return ok;
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static Plot FitPlot(double[] logDose, double[] response, double[] p)
    {
        Plot plot = Charts.Create("Dose-response: data and the Levenberg-Marquardt fit", "log10 dose", "response");
        var points = plot.Add.ScatterPoints(logDose, response, ClassColors.Class(0));
        points.LegendText = "measurements";
        double[] grid = Enumerable.Range(0, 101).Select(i => -9.5 + 6.0 * i / 100).ToArray();
        var fit = plot.Add.ScatterLine(grid, grid.Select(d => DoseResponse.Response(p, d)).ToArray(), Colors.Black);
        fit.LegendText = "fit";
        fit.LineWidth = 2;
        var truth = plot.Add.ScatterLine(grid, grid.Select(d => DoseResponse.Response(Truth, d)).ToArray(), Colors.Gray);
        truth.LegendText = "truth";
        truth.LinePattern = LinePattern.Dashed;
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot ResidualPlot(double[] logDose, double[] residuals)
    {
        Plot plot = Charts.Create("Residuals of the fit", "log10 dose", "fit - measurement");
        plot.Add.ScatterPoints(logDose, residuals, ClassColors.Class(1));
        plot.Add.HorizontalLine(0, 1, Colors.Gray);
        return plot;
    }
}
