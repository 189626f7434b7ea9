using System;
using System.Linq;
using SymGrad.Benchmarks.Gradients;
using SymGrad.Benchmarks.Gradients.RowLanes;

namespace SymGrad.Benchmarks.Checking
{
    /// <summary>
    /// What the benchmark shapes do not reach in the rows-in-lanes softmax kernels (Gradients/RowLanes): one workspace
    /// through calls of different m (chunk tails, a last group without a partner, lanes an earlier call left behind,
    /// NaN among them after a call whose x held NaN), and targets whose rows do not sum to 1. Each call against the
    /// plain-loop gradient: the <c>double</c> kernel within <see cref="BlockedGradientCheck.Tolerance"/>, the
    /// <c>float</c> one within 1e-3 of the largest partial (as the <c>float</c> suite's checks).
    /// </summary>
    public static class RowLanesReuseCheck
    {
        private const int Rows = 1003, Features = 13, Classes = 9;

        public static int Run(Action<string, string, double, double> report)
        {
            Random random = new(20261206);
            double[] x = Draw(random, Rows * Features, 1.0);
            double[] w = Draw(random, Classes * Features, 0.3);
            double[] b = Draw(random, Classes, 0.3);

            // Non-negative targets whose rows sum to anything between 0 and 2 (a one-hot row sums to 1).
            double[] y = Enumerable.Range(0, Rows * Classes).Select(_ => random.NextDouble() * 2.0 / Classes).ToArray();
            double[] poisoned = (double[])x.Clone();
            // Rows 901 and 906: lanes 5 and 10 of the last chunk (rows 896 to 1002), which the call leaves behind, where a
            // later call with one group of rows (m = 3) has its partner group's lanes.
            poisoned[(901 * Features) + 2] = double.NaN;
            poisoned[(906 * Features) + 4] = double.NaN;

            var workspace = new SoftmaxRowLanesWorkspace(Features, Classes);
            var singleWorkspace = new SingleSoftmaxRowLanesWorkspace(Features, Classes);
            int failures = 0;
            foreach (int m in new[] { Rows, 7, 129, 1, 16, -Rows, 3, 5, Rows })
            {
                if (m < 0)
                {
                    // A call on x with NaN in rows 901 and 906: what it leaves in the workspaces must not reach the next call.
                    SoftmaxRowLanes.Gradient(w, b, poisoned, y, -m, Features, Classes, new double[w.Length], new double[b.Length], workspace);
                    SingleSoftmaxRowLanes.Gradient(ToSingle(w), ToSingle(b), ToSingle(poisoned), ToSingle(y), -m, Features, Classes, new float[w.Length], new float[b.Length], singleWorkspace);
                    continue;
                }

                double[] dw = new double[w.Length], db = new double[b.Length];
                double expected = SoftmaxRegressionGradients.Loops(w, b, x, y, m, Features, Classes, dw, db);
                double[] reference = dw.Concat(db).ToArray();

                double[] rowDw = new double[w.Length], rowDb = new double[b.Length];
                double loss = SoftmaxRowLanes.Gradient(w, b, x, y, m, Features, Classes, rowDw, rowDb, workspace);
                string label = $"SoftmaxRowLanes reuse m={m} n={Features} k={Classes}, targets summing to 0..2";
                failures += Report(report, label, "loss (relative)", Math.Abs(loss - expected) / Math.Abs(expected), BlockedGradientCheck.Tolerance);
                failures += Report(report, label, "gradient vs HandLoops", BlockedGradientCheck.NormwiseRelative(rowDw.Concat(rowDb).ToArray(), reference), BlockedGradientCheck.Tolerance);

                float[] singleDw = new float[w.Length], singleDb = new float[b.Length];
                float singleLoss = SingleSoftmaxRowLanes.Gradient(ToSingle(w), ToSingle(b), ToSingle(x), ToSingle(y), m, Features, Classes, singleDw, singleDb, singleWorkspace);
                string singleLabel = $"SingleSoftmaxRowLanes reuse m={m} n={Features} k={Classes}, targets summing to 0..2";
                failures += Report(report, singleLabel, "loss (relative)", Math.Abs(singleLoss - expected) / Math.Abs(expected), 1e-4);
                failures += Report(report, singleLabel, "gradient vs HandLoops", BlockedGradientCheck.NormwiseRelative(singleDw.Concat(singleDb).Select(v => (double)v).ToArray(), reference), 1e-3);
            }

            return failures;
        }

        private static int Report(Action<string, string, double, double> report, string label, string comparison, double error, double tolerance)
        {
            report(label, comparison, error, tolerance);
            return error <= tolerance ? 0 : 1;  // NaN fails
        }

        private static double[] Draw(Random random, int count, double scale) =>
            Enumerable.Range(0, count).Select(_ => ((random.NextDouble() * 2.0) - 1.0) * scale).ToArray();

        private static float[] ToSingle(double[] values) => values.Select(v => (float)v).ToArray();
    }
}
