using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.Data;
using SymGrad.Benchmarks.Gradients.RowLanes;
using SymGrad.Benchmarks.Models;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>
    /// The <c>float</c> softmax with the rows in lanes (Gradients/RowLanes), at <see cref="SinglePrecisionBenchmarks"/>'
    /// softmax cases on the same data, so that <c>--filter '*SinglePrecision*'</c> times it beside the generated and the
    /// blocked <c>float</c> gradients. A class of its own because the other <c>float</c> workloads have no such kernel.
    /// Setup checks it against the generated <c>double</c> gradient (the loss within 1e-4 relative, every partial within
    /// 1e-3 of the largest), as <see cref="SinglePrecisionBenchmarks"/> checks the blocked one.
    /// </summary>
    [MemoryDiagnoser]
    public class SinglePrecisionRowLanesBenchmarks
    {
        private float[] w = Array.Empty<float>(), b = Array.Empty<float>(), x = Array.Empty<float>(), y = Array.Empty<float>();
        private float[] dw = Array.Empty<float>(), db = Array.Empty<float>();
        private double[] wide = Array.Empty<double>(), wideBias = Array.Empty<double>(), wideX = Array.Empty<double>(), wideY = Array.Empty<double>();
        private int m, n, k;
        private SingleSoftmaxRowLanesWorkspace? workspace;

        [ParamsSource(nameof(Cases))]
        public string Workload { get; set; } = "softmax m=1000 n=100 k=10";

        public static IEnumerable<string> Cases => SinglePrecisionBenchmarks.Cases.Where(c => c.StartsWith("softmax", StringComparison.Ordinal));

        /// <summary>The smoke run's tiny case: <see cref="SinglePrecisionBenchmarks.SmokeCase"/>.</summary>
        public static string SmokeCase => SinglePrecisionBenchmarks.SmokeCase;

        [GlobalSetup]
        public void Setup()
        {
            string[] parts = Workload.Split(' ');
            int Get(string name) => int.Parse(parts.First(p => p.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            (m, n, k) = (Get("m"), Get("n"), Get("k"));

            // The draws of SinglePrecisionBenchmarks' softmax case, in its order: the same data, rounded to float.
            SyntheticData data = new();
            double[] drawn = data.Normal(m * n, 1.0);
            wideY = data.OneHotLabels(drawn, m, n, k);
            wideX = drawn.Select(v => (double)(float)v).ToArray();
            wide = data.Normal(k * n, 0.1).Select(v => (double)(float)v).ToArray();
            wideBias = data.Normal(k, 0.1).Select(v => (double)(float)v).ToArray();
            (w, b, x, y) = (ToSingle(wide), ToSingle(wideBias), ToSingle(wideX), ToSingle(wideY));
            (dw, db) = (new float[k * n], new float[k]);
            workspace = new SingleSoftmaxRowLanesWorkspace(n, k);
            Check();
        }

        /// <summary>The <c>float</c> softmax with eight rows a vector: the faster <c>float</c> bar on AVX2 machines.</summary>
        [Benchmark]
        public float HandRowLanesFloat() => SingleSoftmaxRowLanes.Gradient(w, b, x, y, m, n, k, dw, db, workspace ?? throw new InvalidOperationException("GlobalSetup has not run."));

        private void Check()
        {
            double[] gradient = new double[k * n], biasGradient = new double[k];
            double expected = SoftmaxRegression.LossGradient(wide, wideBias, wideX, wideY, m, n, k, gradient, biasGradient);
            Array.Fill(dw, float.NaN);
            Array.Fill(db, float.NaN);
            float loss = HandRowLanesFloat();
            if (!(Math.Abs(loss - expected) <= 1e-4 * Math.Max(1.0, Math.Abs(expected))))
            {
                throw new InvalidOperationException($"softmax rows in lanes: float loss {loss}, double {expected}");
            }

            double scale = Math.Max(1e-3, gradient.Concat(biasGradient).Select(Math.Abs).Max());
            foreach ((float[] single, double[] reference, string name) in new[] { (dw, gradient, "dw"), (db, biasGradient, "db") })
            {
                for (int i = 0; i < reference.Length; i++)
                {
                    if (!(Math.Abs(single[i] - reference[i]) <= 1e-3 * scale))
                    {
                        throw new InvalidOperationException($"softmax rows in lanes: {name}[{i}] float {single[i]}, double {reference[i]}");
                    }
                }
            }
        }

        private static float[] ToSingle(double[] values) => values.Select(v => (float)v).ToArray();
    }
}
