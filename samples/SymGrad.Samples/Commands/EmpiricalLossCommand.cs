using System;
using ScottPlot;
using SymGrad.Data;
using SymGrad.Models;
using SymGrad.Samples.Data;
using SymGrad.Samples.Infrastructure;
using SymGrad.Samples.Plotting;

namespace SymGrad.Samples.Commands;

/// <summary>
/// The empirical 0-1 loss and the cross-entropy as theta moves along a line theta(t) = (t, 1, 1): the 0-1 loss is piecewise
/// constant (its derivative is zero almost everywhere), the cross-entropy is smooth with a useful generated derivative.
/// </summary>
internal sealed class EmpiricalLossCommand : SampleCommand
{
    public override string Name => "empirical-loss";

    public override string Description => "The 0-1 loss along a line in parameter space (piecewise constant, zero gradient almost everywhere) next to the smooth cross-entropy.";

    public override string Title => "The empirical 0-1 loss against the cross-entropy";

    public override int Run(SampleContext context)
    {
        DataSet data = SyntheticData.TwoBlobs(20, context.Seed);
        int n = data.FeatureCount;
        context.WriteLine($"data: two Gaussian blobs, {data.RowCount} rows; theta(t) = (t, 1, 1): the bias t moves, the normal (1, 1) stays");
        context.WriteLine("L01(t) = (1/m) #{i : step(g(x_i)) != y_i},  J(t) = mean binary cross-entropy;  dJ/dt is the generated dJ/dtheta0");
        context.WriteLine("dL01/dt is a central difference with step 1e-4: zero unless a point lies within 1e-4 of the boundary.");

        var table = new TextTable("t", "L01(t)", "dL01/dt", "J(t)", "dJ/dt (generated)");
        var gradient = new double[n + 1];
        foreach (double t in new[] { -3.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0 })
        {
            double slope01 = (ZeroOneLoss(data, t + 1e-4) - ZeroOneLoss(data, t - 1e-4)) / 2e-4;
            double j = LogisticRegression.LossGradient(Theta(t), data.Features, data.Targets, n, gradient);
            table.AddRow(SampleContext.F(t, 2), SampleContext.F(ZeroOneLoss(data, t), 3), SampleContext.F(slope01, 3), SampleContext.F(j, 4), SampleContext.F(gradient[0], 4));
        }

        table.WriteTo(context.Out);

        const int Points = 1201;
        var ts = new double[Points];
        var zeroOne = new double[Points];
        var crossEntropy = new double[Points];
        int flats = 0;
        for (int i = 0; i < Points; i++)
        {
            ts[i] = -6 + 12.0 * i / (Points - 1);
            zeroOne[i] = ZeroOneLoss(data, ts[i]);
            crossEntropy[i] = LogisticRegression.Loss(Theta(ts[i]), data.Features, data.Targets, n);
            if (i > 0 && zeroOne[i] == zeroOne[i - 1])
            {
                flats++;
            }
        }

        context.WriteLine($"On a grid of {Points} values of t in [-6, 6], L01 is unchanged between {flats} of {Points - 1} neighbouring pairs: a staircase, so gradient descent on it gets no signal.");

        Plot plot = Charts.Create("Along theta(t) = (t, 1, 1): 0-1 loss (steps) and cross-entropy (smooth)", "t (the bias theta0)", "loss");
        var steps = plot.Add.Scatter(ts, zeroOne);
        steps.LegendText = "0-1 loss L01(t): piecewise constant";
        steps.MarkerSize = 0;
        steps.LineWidth = 2;
        steps.ConnectStyle = ConnectStyle.StepHorizontal;
        var smooth = plot.Add.Scatter(ts, crossEntropy);
        smooth.LegendText = "cross-entropy J(t): smooth";
        smooth.MarkerSize = 0;
        smooth.LineWidth = 2;
        plot.ShowLegend(Alignment.UpperCenter);
        Charts.Save(context, plot, "empirical-loss.png");
        return 0;
    }

    private static double[] Theta(double t) => new[] { t, 1.0, 1.0 };

    private static double ZeroOneLoss(DataSet data, double t)
    {
        double[] theta = Theta(t);
        int wrong = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            int predicted = LogisticUnit.Discriminant(theta, data.Row(i)) >= 0 ? 1 : 0;
            wrong += predicted == data.Labels[i] ? 0 : 1;
        }

        return wrong / (double)data.RowCount;
    }
}
