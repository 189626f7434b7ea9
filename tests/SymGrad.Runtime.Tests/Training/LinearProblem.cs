using System;
using SymGrad.Data;

namespace SymGrad.Runtime.Tests.Training
{
    /// <summary>y = 2 x + 1 on x in [-1, 1]; parameters (w, b); loss mean((w x + b - y)^2).</summary>
    internal static class LinearProblem
    {
        public static DataSet Data(int rows = 64)
        {
            var x = new double[rows];
            var y = new double[rows];
            for (int i = 0; i < rows; i++)
            {
                x[i] = -1.0 + (2.0 * i / (rows - 1));
                y[i] = (2.0 * x[i]) + 1.0;
            }

            return new DataSet(x, y, 1);
        }

        public static double LossAndGradient(ReadOnlySpan<double> p, Batch batch, Span<double> g)
        {
            double loss = 0.0;
            for (int i = 0; i < batch.RowCount; i++)
            {
                double x = batch.Features[i];
                double r = (p[0] * x) + p[1] - batch.Targets[i];
                loss += r * r;
                g[0] += 2 * r * x / batch.RowCount;
                g[1] += 2 * r / batch.RowCount;
            }

            return loss / batch.RowCount;
        }
    }
}
