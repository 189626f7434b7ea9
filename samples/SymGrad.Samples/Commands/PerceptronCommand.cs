using System;
using SymGrad.Models;
using SymGrad.Samples.Infrastructure;
using SymGrad.Samples.Plotting;

namespace SymGrad.Samples.Commands;

/// <summary>
/// The perceptron of the notes: weights (0.1, 0.2, 0.3) with the bias first, input (1, 1). g = 0.6, step(g) = 1,
/// sigmoid(g) = 0.6457, and the generated gradient of the logistic unit's output with respect to the weights.
/// </summary>
internal sealed class PerceptronCommand : SampleCommand
{
    public override string Name => "perceptron";

    public override string Description => "The perceptron and logistic unit of the notes: g, step(g), sigmoid(g) and the generated gradient dh/dtheta.";

    public override string Title => "The perceptron and the logistic unit";

    public override int Run(SampleContext context)
    {
        double[] theta = { 0.1, 0.2, 0.3 };
        double[] x = { 1.0, 1.0 };
        double g = LogisticUnit.Discriminant(theta, x);
        int step = g >= 0 ? 1 : 0;
        var dtheta = new double[theta.Length];
        double h = LogisticUnit.OutputGradient(theta, x, dtheta);
        double slope = h * (1 - h);

        context.WriteLine("theta = (theta0, theta1, theta2) = (0.1, 0.2, 0.3), bias first; x = (1, 1), so (x0, x1, x2) = (1, 1, 1)");
        context.WriteLine($"g(x) = theta^T x                 = {SampleContext.F(g, 4)}");
        context.WriteLine($"perceptron output step(g)       = {step}   (1 when g >= 0)");
        context.WriteLine($"logistic unit h = sigmoid(g)    = {SampleContext.F(h, 4)}");
        context.WriteLine($"dh/dtheta, generated            = {SampleContext.Vector(dtheta, 6)}");
        context.WriteLine($"h (1 - h) (x0, x1, x2), by hand = {SampleContext.Vector(new[] { slope, slope * x[0], slope * x[1] }, 6)}");
        context.WriteLine("The step function's derivative is 0 wherever it exists, so it gives gradient descent nothing; the sigmoid's is h (1 - h) > 0.");

        var plot = Charts.Create("Perceptron step and logistic sigmoid of g = theta^T x", "g", "output");
        var gs = new double[241];
        var steps = new double[gs.Length];
        var sigmoids = new double[gs.Length];
        for (int i = 0; i < gs.Length; i++)
        {
            gs[i] = -6 + 0.05 * i;
            steps[i] = gs[i] >= 0 ? 1 : 0;
            sigmoids[i] = SymMath.Sigmoid(gs[i]);
        }

        var stepLine = plot.Add.Scatter(gs, steps);
        stepLine.LegendText = "step(g)";
        stepLine.MarkerSize = 0;
        stepLine.LineWidth = 2;
        stepLine.ConnectStyle = ScottPlot.ConnectStyle.StepHorizontal;
        var sigmoidLine = plot.Add.Scatter(gs, sigmoids);
        sigmoidLine.LegendText = "sigmoid(g)";
        sigmoidLine.MarkerSize = 0;
        sigmoidLine.LineWidth = 2;
        var marker = plot.Add.Marker(g, h);
        marker.LegendText = $"g = {SampleContext.F(g, 1)}, sigmoid(g) = {SampleContext.F(h, 4)}";
        marker.MarkerSize = 10;
        var tangentXs = new[] { g - 1.5, g + 1.5 };
        var tangent = plot.Add.Scatter(tangentXs, new[] { h - 1.5 * slope, h + 1.5 * slope });
        tangent.LegendText = $"slope h (1 - h) = {SampleContext.F(slope, 4)}";
        tangent.MarkerSize = 0;
        tangent.LinePattern = ScottPlot.LinePattern.Dashed;
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        Charts.Save(context, plot, "perceptron.png");
        return 0;
    }
}
