using System;
using System.Collections.Generic;
using ScottPlot;
using SymGrad.Samples.Infrastructure;
using SymGrad.Samples.Models;
using SymGrad.Samples.Plotting;

namespace SymGrad.Samples.Commands;

/// <summary>
/// The linear discriminant g(x1, x2) = theta0 + theta1 x1 + theta2 x2 with normal (2, 3) and theta0 = 1: the sign of g on
/// each side of the boundary g = 0, the normal vector (the generated gradient of g), and the boundary's distance from the
/// origin |theta0| / ||(theta1, theta2)||.
/// </summary>
internal sealed class DiscriminantCommand : SampleCommand
{
    private const double Theta0 = 1, Theta1 = 2, Theta2 = 3;

    public override string Name => "discriminant";

    public override string Description => "The linear discriminant g = theta0 + theta1 x1 + theta2 x2: sides of the boundary, normal, distance from the origin.";

    public override string Title => "The linear discriminant and its boundary";

    public override int Run(SampleContext context)
    {
        double norm = Math.Sqrt(Theta1 * Theta1 + Theta2 * Theta2);
        double distance = Math.Abs(Theta0) / norm;
        PlaneDiscriminant.ValueGradient(0.0, 0.0, Theta0, Theta1, Theta2, out double dx1, out double dx2);
        context.WriteLine("g(x1, x2) = theta0 + theta1 x1 + theta2 x2 with theta0 = 1 and normal (theta1, theta2) = (2, 3)");
        context.WriteLine($"normal vector = grad_x g (generated) = ({SampleContext.F(dx1, 1)}, {SampleContext.F(dx2, 1)}), ||normal|| = sqrt(13) = {SampleContext.F(norm, 4)}");
        context.WriteLine($"distance of the boundary g = 0 from the origin = |theta0| / ||(theta1, theta2)|| = 1/sqrt(13) = {SampleContext.F(distance, 5)}");
        context.WriteLine("Note: the notes call theta0 itself the distance; that holds only when the normal has unit length (||(theta1, theta2)|| = 1).");
        context.WriteLine($"      Here theta0 = {SampleContext.F(Theta0, 1)} but the distance is {SampleContext.F(distance, 4)}; dividing g by ||normal|| gives the signed distance g(x) / ||normal||.");

        var table = new TextTable("point (x1, x2)", "g(x)", "sign", "side", "signed distance g / ||normal||");
        foreach ((double x1, double x2) in new[] { (0.0, 0.0), (1.0, 1.0), (-1.0, -1.0), (-0.5, 0.0), (1.0, -1.0) })
        {
            double g = PlaneDiscriminant.Value(x1, x2, Theta0, Theta1, Theta2);
            string sign = g > 0 ? "+" : g < 0 ? "-" : "0";
            string side = g > 0 ? "the side the normal points to" : g < 0 ? "the opposite side" : "on the boundary";
            table.AddRow($"({SampleContext.F(x1, 1)}, {SampleContext.F(x2, 1)})", SampleContext.F(g, 2), sign, side, SampleContext.F(g / norm, 4));
        }

        table.WriteTo(context.Out);
        Charts.Save(context, CreatePlot(context.Seed, norm, distance), "discriminant.png");
        return 0;
    }

    private static Plot CreatePlot(int seed, double norm, double distance)
    {
        Plot plot = Charts.Create("g(x) = 1 + 2 x1 + 3 x2: boundary g = 0, normal and the sign of g", "x1", "x2");
        var random = new Random(seed);
        var positive = (X: new List<double>(), Y: new List<double>());
        var negative = (X: new List<double>(), Y: new List<double>());
        for (int i = 0; i < 120; i++)
        {
            double x1 = -2 + 4 * random.NextDouble();
            double x2 = -2 + 4 * random.NextDouble();
            var side = PlaneDiscriminant.Value(x1, x2, Theta0, Theta1, Theta2) >= 0 ? positive : negative;
            side.X.Add(x1);
            side.Y.Add(x2);
        }

        var plus = plot.Add.ScatterPoints(positive.X.ToArray(), positive.Y.ToArray(), ClassColors.Class(0));
        plus.LegendText = "g(x) > 0";
        plus.MarkerShape = MarkerShape.FilledCircle;
        plus.MarkerSize = 7;
        var minus = plot.Add.ScatterPoints(negative.X.ToArray(), negative.Y.ToArray(), ClassColors.Class(1));
        minus.LegendText = "g(x) < 0";
        minus.MarkerShape = MarkerShape.FilledSquare;
        minus.MarkerSize = 7;

        var boundary = plot.Add.Line(-2.5, -(Theta0 + Theta1 * -2.5) / Theta2, 2.5, -(Theta0 + Theta1 * 2.5) / Theta2);
        boundary.LegendText = "boundary g(x) = 0";
        boundary.LineWidth = 2;
        boundary.LineColor = Colors.Black;

        // The foot of the perpendicular from the origin, -theta0 n / ||n||^2, and the unit normal drawn from it.
        double footX = -Theta0 * Theta1 / (norm * norm), footY = -Theta0 * Theta2 / (norm * norm);
        var toFoot = plot.Add.Line(0, 0, footX, footY);
        toFoot.LegendText = $"distance from the origin 1/sqrt(13) = {SampleContext.F(distance, 5)}";
        toFoot.LinePattern = LinePattern.Dashed;
        toFoot.LineColor = ClassColors.Class(2);
        toFoot.LineWidth = 3;
        // The normal drawn from the boundary point (1, -1), away from the distance segment.
        var arrow = plot.Add.Arrow(new Coordinates(1, -1), new Coordinates(1 + Theta1 / norm, -1 + Theta2 / norm));
        arrow.LegendText = "unit normal (2, 3) / sqrt(13), drawn at (1, -1)";
        arrow.ArrowWidth = 3;
        arrow.ArrowheadWidth = 14;
        arrow.ArrowheadLength = 16;
        arrow.ArrowFillColor = ClassColors.Class(3);
        arrow.ArrowLineColor = ClassColors.Class(3);
        plot.Add.Marker(0, 0, MarkerShape.Cross, 10, Colors.Black).LegendText = "origin";
        plot.Axes.SetLimits(-2.5, 2.5, -2.5, 2.5);
        plot.Axes.SquareUnits();
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }
}
