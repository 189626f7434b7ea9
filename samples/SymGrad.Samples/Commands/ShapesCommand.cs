using System;
using System.Globalization;
using ScottPlot;
using SymGrad.Samples.Infrastructure;
using SymGrad.Samples.Models;
using SymGrad.Samples.Plotting;

namespace SymGrad.Samples.Commands;

/// <summary>
/// Gradient shapes: scalar-by-vector is a vector, vector-by-vector a matrix (rank 2), matrix-by-vector a rank-3 tensor,
/// each assembled from generated gradients and compared with its closed form.
/// </summary>
internal sealed class ShapesCommand : SampleCommand
{
    public override string Name => "shapes";

    public override string Description => "Gradient shapes: scalar-by-vector is a vector, vector-by-vector a matrix, matrix-by-vector a rank-3 tensor.";

    public override string Title => "The shapes of derivatives";

    public override int Run(SampleContext context)
    {
        double[] x = { 0.5, -1.0, 2.0 };
        int n = x.Length;
        context.WriteLine($"x = {SampleContext.Vector(x, 2)}, a vector of {n}");
        double worst = 0;

        // Scalar by vector: a vector.
        var gradient = new double[n];
        double f = GradientShapes.LogSumExpGradient(x, gradient);
        double lse = SymMath.LogSumExp(x);
        for (int k = 0; k < n; k++)
        {
            worst = Math.Max(worst, Math.Abs(gradient[k] - Math.Exp(x[k] - lse)));
        }

        context.WriteLine();
        context.WriteLine($"1. scalar by vector: f(x) = log sum_i exp(x_i) = {SampleContext.F(f)}");
        context.WriteLine($"   df/dx has shape ({n}) (a vector, rank 1) = {SampleContext.Vector(gradient)}  (closed form: softmax(x))");

        // Vector by vector: a matrix.
        double[,] a = { { 1.0, -0.5, 0.25 }, { 0.3, 0.8, -0.2 } };
        int rows = a.GetLength(0);
        var jacobian = new double[rows, n];
        var row = new double[n];
        for (int i = 0; i < rows; i++)
        {
            double y = GradientShapes.LayerOutputGradient(x, a, i, row);
            for (int k = 0; k < n; k++)
            {
                jacobian[i, k] = row[k];
                worst = Math.Max(worst, Math.Abs(row[k] - (1 - y * y) * a[i, k]));
            }
        }

        context.WriteLine();
        context.WriteLine($"2. vector by vector: y = tanh(A x) with A of shape ({rows} x {n}), y of shape ({rows})");
        context.WriteLine($"   dy/dx has shape ({rows} x {n}) (a matrix, rank 2), row i = generated gradient of y_i; closed form (1 - y_i^2) A_ij:");
        for (int i = 0; i < rows; i++)
        {
            context.WriteLine($"   [{Row(jacobian, i)}]");
        }

        // Matrix by vector: a rank-3 tensor.
        const int Size = 2;
        var tensor = new double[Size, Size, n];
        for (int i = 0; i < Size; i++)
        {
            for (int j = 0; j < Size; j++)
            {
                GradientShapes.OuterEntryGradient(x, i, j, row);
                for (int k = 0; k < n; k++)
                {
                    tensor[i, j, k] = row[k];
                    double closed = (i == k ? x[j + 1] : 0) + (j + 1 == k ? x[i] : 0);
                    worst = Math.Max(worst, Math.Abs(row[k] - closed));
                }
            }
        }

        context.WriteLine();
        context.WriteLine($"3. matrix by vector: Y = (x_0, x_1)^T (x_1, x_2), Y_ij = x_i x_(j+1), of shape ({Size} x {Size})");
        context.WriteLine($"   dY/dx has shape ({Size} x {Size} x {n}) (a rank-3 tensor); closed form delta_ik x_(j+1) + x_i delta_(j+1)k; one {Size} x {Size} slice per x_k:");
        for (int k = 0; k < n; k++)
        {
            context.WriteLine($"   dY/dx_{k} = [[{G(tensor[0, 0, k])}, {G(tensor[0, 1, k])}], [{G(tensor[1, 0, k])}, {G(tensor[1, 1, k])}]]");
        }

        context.WriteLine();
        context.WriteLine($"max |generated - closed form| over all three = {worst:E2}");
        Charts.Save(context, JacobianPlot(jacobian), "shapes-jacobian.png");
        return worst < 1e-12 ? 0 : 1;
    }

    private static Plot JacobianPlot(double[,] jacobian)
    {
        int rows = jacobian.GetLength(0), cols = jacobian.GetLength(1);
        Plot plot = Charts.Create($"Jacobian dy/dx of y = tanh(A x): a {rows} x {cols} matrix", "input x_j (column j)", "output y_i (row i)");
        var heatmap = plot.Add.Heatmap(jacobian);
        heatmap.Colormap = new ScottPlot.Colormaps.MellowRainbow();
        // The position rectangle runs from the centre of the first cell to the centre of the last.
        heatmap.Position = new CoordinateRect(0, cols - 1, 0, rows - 1);
        plot.Add.ColorBar(heatmap).Label = "dy_i / dx_j";
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                // The heatmap draws row 0 at the top.
                var text = plot.Add.Text(G(jacobian[i, j]), j, rows - 1 - i);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 18;
                text.LabelBold = true;
            }
        }

        var columns = new Tick[cols];
        for (int j = 0; j < cols; j++)
        {
            columns[j] = new Tick(j, "x_" + j);
        }

        var rowTicks = new Tick[rows];
        for (int i = 0; i < rows; i++)
        {
            rowTicks[i] = new Tick(rows - 1 - i, "y_" + i);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(columns);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(rowTicks);
        plot.Axes.SetLimits(-0.5, cols - 0.5, -0.5, rows - 0.5);
        return plot;
    }

    private static string Row(double[,] matrix, int i)
    {
        var cells = new string[matrix.GetLength(1)];
        for (int j = 0; j < cells.Length; j++)
        {
            cells[j] = SampleContext.F(matrix[i, j], 6);
        }

        return string.Join(", ", cells);
    }

    private static string G(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
