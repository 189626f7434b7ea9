using System;
using System.Collections.Generic;
using ScottPlot;
using SymGrad.Data;
using SymGrad.Samples.Infrastructure;

namespace SymGrad.Samples.Plotting;

/// <summary>The plots of the samples, written as PNG files with ScottPlot (headless: no window, no display needed).</summary>
internal static class Charts
{
    public const int Width = 800;
    public const int Height = 600;

    /// <summary>A plot with a title and axis labels.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Saves <paramref name="plot"/> as <paramref name="fileName"/> in the output folder and reports the path.</summary>
    public static string Save(SampleContext context, Plot plot, string fileName)
    {
        string path = context.FilePath(fileName);
        plot.SavePng(path, Width, Height);
        context.Wrote(path);
        return path;
    }

    /// <summary>One or more loss curves against the epoch.</summary>
    public static Plot LossCurves(string title, string lossName, params (string Label, double[] Losses)[] curves)
    {
        Plot plot = Create(title, "epoch", lossName);
        foreach ((string label, double[] losses) in curves)
        {
            var epochs = new double[losses.Length];
            for (int i = 0; i < epochs.Length; i++)
            {
                epochs[i] = i + 1;
            }

            var line = plot.Add.Scatter(epochs, losses);
            line.LegendText = label;
            line.MarkerSize = losses.Length <= 40 ? 5 : 0;
            line.LineWidth = 2;
        }

        if (curves.Length > 1)
        {
            plot.ShowLegend(Alignment.UpperRight);
        }

        return plot;
    }

    /// <summary>
    /// The decision regions of <paramref name="predict"/> over the bounding box of the data (a grid of cells coloured by the
    /// predicted class), with the data points on top coloured by their true class.
    /// </summary>
    public static Plot DecisionRegions(string title, DataSet data, Func<double, double, int> predict, string xLabel = "x1", string yLabel = "x2")
    {
        Plot plot = Create(title, xLabel, yLabel);
        (double left, double right, double bottom, double top) = Bounds(data);
        const int Cells = 150;
        var classes = new double[Cells, Cells];
        for (int row = 0; row < Cells; row++)
        {
            double y = top - (row + 0.5) * (top - bottom) / Cells;
            for (int col = 0; col < Cells; col++)
            {
                double x = left + (col + 0.5) * (right - left) / Cells;
                classes[row, col] = predict(x, y);
            }
        }

        int k = Math.Max(data.ClassCount, 2);
        var heatmap = plot.Add.Heatmap(classes);
        heatmap.Colormap = new ClassColormap(k);
        heatmap.ManualRange = new ScottPlot.Range(0, k - 1);
        // The position rectangle runs from the centre of the first cell to the centre of the last.
        double halfWidth = 0.5 * (right - left) / Cells, halfHeight = 0.5 * (top - bottom) / Cells;
        heatmap.Position = new CoordinateRect(left + halfWidth, right - halfWidth, bottom + halfHeight, top - halfHeight);
        AddPoints(plot, data);
        plot.Axes.SetLimits(left, right, bottom, top);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>The data points of a two-feature classification set, one legend entry per class.</summary>
    public static void AddPoints(Plot plot, DataSet data)
    {
        for (int c = 0; c < data.ClassCount; c++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < data.RowCount; i++)
            {
                if (data.Labels[i] == c)
                {
                    xs.Add(data.Row(i)[0]);
                    ys.Add(data.Row(i)[1]);
                }
            }

            var points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), ClassColors.Class(c));
            points.MarkerSize = 6;
            points.MarkerLineColor = Colors.Black;
            points.LegendText = data.ClassNames is null ? "class " + c : data.ClassNames[c];
        }
    }

    /// <summary>The bounding box of the first two features, with a margin.</summary>
    public static (double Left, double Right, double Bottom, double Top) Bounds(DataSet data)
    {
        double left = double.PositiveInfinity, right = double.NegativeInfinity, bottom = double.PositiveInfinity, top = double.NegativeInfinity;
        for (int i = 0; i < data.RowCount; i++)
        {
            ReadOnlySpan<double> row = data.Row(i);
            left = Math.Min(left, row[0]);
            right = Math.Max(right, row[0]);
            bottom = Math.Min(bottom, row[1]);
            top = Math.Max(top, row[1]);
        }

        double mx = 0.1 * (right - left), my = 0.1 * (top - bottom);
        return (left - mx, right + mx, bottom - my, top + my);
    }
}
