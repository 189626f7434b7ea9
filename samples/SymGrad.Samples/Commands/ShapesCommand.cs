using System;
using System.Globalization;
using ScottPlot;
using SymGrad.Samples.Infrastructure;
using SymGrad.Samples.Models;
using SymGrad.Samples.Plotting;

namespace SymGrad.Samples.Commands;

/// <summary>
/// Gradient shapes: scalar-by-vector is a vector, vector-by-vector a matrix (rank 2), matrix-by-vector a rank-3 tensor,
/// each assembled from generated gradients and compared with its closed form; and the second derivative of a scalar, a
/// symmetric matrix from the generated Hessian, compared with central differences of the generated gradient.
/// </summary>
internal sealed class ShapesCommand : SampleCommand
{
    public override string Name => "shapes";

    public override string Description => "Gradient shapes: scalar-by-vector is a vector, vector-by-vector a matrix, matrix-by-vector a rank-3 tensor; a scalar's Hessian is a symmetric matrix.";

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

        // Vector by vector through the generated Jacobian of the vector-valued Layer, against the per-row construction of case 2.
        var whole = new double[rows * n];
        var outputs = new double[rows];
        GradientShapes.LayerJacobian(x, a, outputs, whole);
        double jacobianDifference = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int k = 0; k < n; k++)
            {
                jacobianDifference = Math.Max(jacobianDifference, Math.Abs(whole[i * n + k] - jacobian[i, k]));
            }
        }

        context.WriteLine();
        context.WriteLine($"2b. the same matrix from the vector-valued Layer(x, A, y): the generated LayerJacobian writes y and the ({rows} x {n}) Jacobian in one call");
        context.WriteLine($"   ({(n <= rows ? "forward mode, one tangent per column" : "reverse mode, one pullback per row")}); max |LayerJacobian - per-row gradients| = {jacobianDifference:E2}  {(jacobianDifference < 1e-12 ? "ok" : "MISMATCH")}");
        worst = Math.Max(worst, jacobianDifference);

        bool hessianPassed = ShowHessian(context, x);
        Charts.Save(context, MatrixPlot(jacobian, $"Jacobian dy/dx of y = tanh(A x): a {rows} x {n} matrix", "input x_j (column j)", "output y_i (row i)", "y_", "dy_i / dx_j"), "shapes-jacobian.png");
        return worst < 1e-12 && hessianPassed ? 0 : 1;
    }

    /// <summary>
    /// Scalar by vector, twice: the generated <c>LogSumExpHessian</c>, a symmetric matrix, checked for symmetry, against the
    /// per-component construction (row i from central differences of the generated gradient along e_i) and against its closed
    /// form diag(s) - s s^T with s = softmax(x).
    /// </summary>
    private static bool ShowHessian(SampleContext context, double[] x)
    {
        const double Step = 1e-5;
        int n = x.Length;
        var flat = new double[n * n];
        double f = GradientShapes.LogSumExpHessian(x, new double[n], flat);
        var hessian = new double[n, n];
        double asymmetry = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                hessian[i, j] = flat[i * n + j];
                asymmetry = Math.Max(asymmetry, Math.Abs(flat[i * n + j] - flat[j * n + i]));
            }
        }

        // Per component: the generator gives no gradient of a gradient component, so differentiate the whole gradient numerically.
        var plus = new double[n];
        var minus = new double[n];
        var shifted = (double[])x.Clone();
        double differences = 0;
        for (int i = 0; i < n; i++)
        {
            shifted[i] = x[i] + Step;
            GradientShapes.LogSumExpGradient(shifted, plus);
            shifted[i] = x[i] - Step;
            GradientShapes.LogSumExpGradient(shifted, minus);
            shifted[i] = x[i];
            for (int j = 0; j < n; j++)
            {
                differences = Math.Max(differences, Math.Abs(hessian[i, j] - (plus[j] - minus[j]) / (2 * Step)));
            }
        }

        double lse = SymMath.LogSumExp(x);
        double closedForm = 0;
        for (int i = 0; i < n; i++)
        {
            double si = Math.Exp(x[i] - lse);
            for (int j = 0; j < n; j++)
            {
                double sj = Math.Exp(x[j] - lse);
                closedForm = Math.Max(closedForm, Math.Abs(hessian[i, j] - ((i == j ? si : 0) - si * sj)));
            }
        }

        bool symmetric = asymmetry <= 1e-14;
        bool matchesDifferences = differences <= 1e-8;
        bool matchesClosedForm = closedForm <= 1e-12;
        context.WriteLine();
        context.WriteLine($"4. scalar by vector, twice: f(x) = log sum_i exp(x_i) = {SampleContext.F(f)} again");
        context.WriteLine($"   d2f/dx2 has shape ({n} x {n}) (the Hessian, a symmetric matrix, rank 2), from the generated LogSumExpHessian:");
        for (int i = 0; i < n; i++)
        {
            context.WriteLine($"   [{Row(hessian, i)}]");
        }

        context.WriteLine($"   symmetric: max |H_ij - H_ji| = {asymmetry:E2}  {(symmetric ? "ok" : "NOT SYMMETRIC")}");
        context.WriteLine($"   per component: row i = central difference (step {Step:0E0}) of the generated gradient along x_i: max |difference| = {differences:E2}  {(matchesDifferences ? "ok" : "MISMATCH")}");
        context.WriteLine($"   closed form diag(s) - s s^T, s = softmax(x): max |difference| = {closedForm:E2}  {(matchesClosedForm ? "ok" : "MISMATCH")}");
        Charts.Save(context, MatrixPlot(hessian, $"Hessian of f(x) = log sum exp(x): a symmetric {n} x {n} matrix", "x_j (column j)", "x_i (row i)", "x_", "d2f / dx_i dx_j"), "shapes-hessian.png");
        return symmetric && matchesDifferences && matchesClosedForm;
    }

    /// <summary>A small matrix as a heatmap with its entries written in the cells; rows are named <paramref name="rowPrefix"/>i, columns x_j.</summary>
    private static Plot MatrixPlot(double[,] matrix, string title, string xLabel, string yLabel, string rowPrefix, string colorBarLabel)
    {
        int rows = matrix.GetLength(0), cols = matrix.GetLength(1);
        Plot plot = Charts.Create(title, xLabel, yLabel);
        var heatmap = plot.Add.Heatmap(matrix);
        heatmap.Colormap = new ScottPlot.Colormaps.MellowRainbow();
        // The position rectangle runs from the centre of the first cell to the centre of the last.
        heatmap.Position = new CoordinateRect(0, cols - 1, 0, rows - 1);
        plot.Add.ColorBar(heatmap).Label = colorBarLabel;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                // The heatmap draws row 0 at the top.
                var text = plot.Add.Text(G(matrix[i, j]), j, rows - 1 - i);
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
            rowTicks[i] = new Tick(rows - 1 - i, rowPrefix + i);
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
