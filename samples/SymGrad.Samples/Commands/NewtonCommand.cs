using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScottPlot;
using SymGrad.Data;
using SymGrad.Metrics;
using SymGrad.Models;
using SymGrad.Samples.Data;
using SymGrad.Samples.Infrastructure;
using SymGrad.Samples.Plotting;
using SymGrad.Samples.Training;
using SymGrad.Solvers;

namespace SymGrad.Samples.Commands;

/// <summary>
/// Logistic regression on breast_cancer fitted by Newton's method (iteratively reweighted least squares) with the generated
/// <c>LogisticRegression.LossHessian</c>, against full-batch gradient descent with the generated <c>LossGradient</c>. The
/// generated Hessian is checked against its closed form (1/m) sum_i sigma'(z_i) (1, x_i) (1, x_i)^T.
/// </summary>
internal sealed class NewtonCommand : SampleCommand
{
    private const string DataFile = "breast_cancer.csv";

    /// <summary>The ridge coefficient used when the training rows are separable: small against the Hessian's entries (up to 1/4).</summary>
    private const double Ridge = 1e-3;

    public override string Name => "newton";

    public override string Description => "Logistic regression on breast_cancer by Newton's method with the generated Hessian, against gradient descent: iterations, loss, accuracy, loss plot.";

    public override string Title => "Newton's method with a generated Hessian: logistic regression in a few iterations";

    public override bool AcceptsData => true;

    public override int Run(SampleContext context)
    {
        ClassificationData data = ClassificationData.LoadFile(context, () => SharedDataFiles.Require(DataFile));
        if (data.All.ClassCount != 2)
        {
            throw new SampleInputException($"logistic regression is binary, but {data.Description} has {data.All.ClassCount} classes.");
        }

        context.WriteLine(data.Summary());
        var plain = new LogisticProblem(data.Train, penalty: 0);
        context.WriteLine($"J(w) = (1/m) sum_i softplus(z_i) - y_i z_i, z_i = w^T (1, x_i): m = {plain.M} rows, {plain.Size} weights, so LossHessian fills a {plain.Size} x {plain.Size} matrix");
        bool passed = CheckHessian(context, "at w = 0", plain, new double[plain.Size]);

        // Newton: solve H p = -g by Cholesky, with an Armijo line search. On the logistic loss this is IRLS.
        LogisticProblem problem = plain;
        var newtonWeights = new double[plain.Size];
        SolverResult newtonResult = FitNewton(plain, newtonWeights);
        if (Accuracy(newtonWeights, data.Train) == 1)
        {
            // Separable rows: the loss has no minimiser, Newton only follows w outwards while J tends to 0. A ridge term restores one.
            context.WriteLine($"without regularisation Newton reaches J = {Sci(newtonResult.FinalValue)} after {newtonResult.Iterations} iterations with |w| = {SampleContext.F(LogisticProblem.Norm(newtonWeights), 1)} and 100 % training accuracy:");
            context.WriteLine("  the training rows are linearly separable, so J has no minimum (it tends to 0 as w grows along a separating direction).");
            context.WriteLine($"  Both fits below therefore add a small ridge term (lambda/2) sum_(j>=1) w_j^2, lambda = {SampleContext.Rate(Ridge)} (bias not penalised),");
            context.WriteLine("  whose value, gradient lambda w_j and Hessian diagonal lambda are added around the generated methods.");
            problem = new LogisticProblem(data.Train, Ridge);
            Array.Clear(newtonWeights);
            newtonResult = FitNewton(problem, newtonWeights);
        }

        context.WriteLine($"Newton (dense Cholesky on LossHessian, Armijo backtracking): {newtonResult.StopReason} after {newtonResult.Iterations} iterations, {newtonResult.RejectedSteps} backtracks, |w| = {SampleContext.F(LogisticProblem.Norm(newtonWeights), 2)}");
        passed &= CheckHessian(context, "at Newton's solution", problem, newtonWeights);

        // Gradient descent with the safe fixed step 1/L: sigma' <= 1/4 with equality at z = 0, so the Hessian at w = 0 bounds it everywhere.
        double lipschitz = problem.LargestHessianEigenvalueAtZero();
        int budget = context.EpochsOr(2000, 400);
        var descentWeights = new double[problem.Size];
        (double[] descentHistory, double descentGradientNorm) = problem.GradientDescent(descentWeights, 1 / lipschitz, budget);
        context.WriteLine($"gradient descent: step 1/L = {SampleContext.F(1 / lipschitz)}, L = {SampleContext.F(lipschitz)} the largest eigenvalue of H(0) (power iteration on LossHessianVectorProduct), {budget} full-batch steps");

        var table = new TextTable("method", "iterations", "final J(w)", "|gradient|", "train accuracy", "test accuracy");
        table.AddRow("Newton", Count(newtonResult.Iterations), SampleContext.F(newtonResult.FinalValue, 8), Sci(newtonResult.FinalGradientNorm), Percent(Accuracy(newtonWeights, data.Train)), Percent(Accuracy(newtonWeights, data.Test)));
        table.AddRow("gradient descent", Count(budget), SampleContext.F(descentHistory[^1], 8), Sci(descentGradientNorm), Percent(Accuracy(descentWeights, data.Train)), Percent(Accuracy(descentWeights, data.Test)));
        table.WriteTo(context.Out);

        IReadOnlyList<double> newtonHistory = newtonResult.ValueHistory;
        double best = Math.Min(newtonHistory.Min(), descentHistory.Min());
        context.WriteLine($"J(w) - J* per Newton iteration (J* = {SampleContext.F(best, 10)}, the lowest loss either method reached): {string.Join(", ", newtonHistory.Select(v => Sci(v - best)))}");
        int newtonPassesDescent = FirstBelow(newtonHistory, descentHistory[^1]);
        context.WriteLine(newtonPassesDescent < 0
            ? $"Newton did not reach gradient descent's final loss after {budget} steps"
            : $"Newton passed gradient descent's loss after {budget} steps at iteration {newtonPassesDescent}; gradient descent ends {Sci(descentHistory[^1] - best)} above J*");

        Charts.Save(context, LossPlot(newtonHistory, descentHistory, best), "newton-loss.png");
        return passed ? 0 : 1;
    }

    /// <summary>
    /// The generated dense Hessian next to its closed form (1/m) sum_i sigma'(z_i) x~_i x~_i^T with x~_i = (1, x_i); they must
    /// agree to rounding.
    /// </summary>
    private static bool CheckHessian(SampleContext context, string where, LogisticProblem problem, double[] w)
    {
        int size = problem.Size;
        var generated = new double[size * size];
        LogisticRegression.LossHessian(w, problem.X, problem.Y, problem.N, new double[size], generated);
        double[] closedForm = problem.ClosedFormHessian(w);
        double difference = 0, scale = 0;
        for (int k = 0; k < generated.Length; k++)
        {
            difference = Math.Max(difference, Math.Abs(generated[k] - closedForm[k]));
            scale = Math.Max(scale, Math.Abs(closedForm[k]));
        }

        bool ok = difference <= 1e-12 * Math.Max(1, scale);
        context.WriteLine($"Hessian {where}: generated LossHessian against (1/m) sum_i sigma'(z_i) (1, x_i)(1, x_i)^T, max |difference| = {difference:E2} (largest entry {SampleContext.F(scale)})  {(ok ? "ok" : "MISMATCH")}");
        return ok;
    }

    private static SolverResult FitNewton(LogisticProblem problem, double[] weights)
    {
        var newton = new NewtonSolver(new NewtonOptions { Mode = NewtonMode.DenseCholesky, GradientTolerance = 1e-8 });
        return newton.Minimize(weights, problem.ValueGradientHessian);
    }

    private static int FirstBelow(IReadOnlyList<double> history, double target)
    {
        for (int k = 0; k < history.Count; k++)
        {
            if (history[k] <= target)
            {
                return k;
            }
        }

        return -1;
    }

    private static double Accuracy(double[] w, DataSet data)
    {
        var predicted = new int[data.RowCount];
        for (int i = 0; i < predicted.Length; i++)
        {
            predicted[i] = LogisticRegression.Probability(w, data.Row(i)) >= 0.5 ? 1 : 0;
        }

        return ClassificationMetrics.Accuracy(data.Labels, predicted);
    }

    /// <summary>J - J* against the iteration for both methods, on a log scale; the point where J = J* exactly has no logarithm and is left out.</summary>
    private static Plot LossPlot(IReadOnlyList<double> newton, double[] descent, double best)
    {
        Plot plot = Charts.Create("Logistic regression on breast_cancer: Newton against gradient descent", "iteration (full-batch steps)", "J(w) - J* (log scale)");
        AddGap(plot, "gradient descent, step 1/L", descent, best, ClassColors.Class(0), markers: false);
        AddGap(plot, "Newton (generated LossHessian)", newton.ToArray(), best, ClassColors.Class(1), markers: true);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = value => "1e" + value.ToString("0", CultureInfo.InvariantCulture),
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
        };
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static void AddGap(Plot plot, string label, double[] history, double best, Color color, bool markers)
    {
        var iterations = new List<double>();
        var gaps = new List<double>();
        for (int k = 0; k < history.Length; k++)
        {
            double gap = history[k] - best;
            if (gap > 0)
            {
                iterations.Add(k);
                gaps.Add(Math.Log10(gap));
            }
        }

        var line = plot.Add.Scatter(iterations.ToArray(), gaps.ToArray(), color);
        line.LegendText = label;
        line.MarkerSize = markers ? 7 : 0;
        line.LineWidth = 2;
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Sci(double value) => value.ToString("0.0E+00", CultureInfo.InvariantCulture);

    private static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);
}
