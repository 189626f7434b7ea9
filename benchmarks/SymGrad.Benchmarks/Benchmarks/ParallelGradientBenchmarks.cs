using System;
using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.Data;
using SymGrad.Data;
using SymGrad.Training;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>
    /// Data parallelism (issue 12, part 4): the generated logistic-regression gradient
    /// (<c>SymGrad.Models.LogisticRegression.LossGradient</c>) over one batch of m = 10,000 rows and
    /// n = 100 features, once unsharded on the calling thread (the baseline) and through a
    /// <see cref="ShardedGradient"/> (shards of 256 rows, combined in shard order) with 1 to all cores.
    /// The sharded result is bitwise the same for every degree (a runtime test checks it);
    /// <see cref="LargestDifference"/> is its distance from the unsharded gradient.
    /// </summary>
    [MemoryDiagnoser]
    public class ParallelGradientBenchmarks
    {
        private const int Features = 100;
        private Batch batch = new(1, 1);
        private double[] w = Array.Empty<double>(), gradient = Array.Empty<double>();
        private ShardedGradient? sharded;

        /// <summary>Rows of the batch.</summary>
        [Params(10000)]
        public int Rows { get; set; } = 10000;

        /// <summary>Threads of the sharded gradient (0: the unsharded call).</summary>
        [ParamsSource(nameof(Degrees))]
        public int Degree { get; set; }

        /// <summary>0 (unsharded), then 1 to every core.</summary>
        public static int[] Degrees()
        {
            var degrees = new int[Environment.ProcessorCount + 1];
            for (int d = 0; d < degrees.Length; d++)
            {
                degrees[d] = d;
            }

            return degrees;
        }

        /// <summary>The batch and parameters, shared by every degree (<see cref="SharedInputs"/>), and this degree's sharded gradient.</summary>
        [GlobalSetup]
        public void Setup()
        {
            int rows = Rows;
            LogisticInputs inputs = SharedInputs.Get(GetType(), $"m={rows}", () => LogisticInputs.Create(rows));
            (batch, w) = (inputs.Batch, inputs.W);
            gradient = new double[Features + 1];
            sharded = Degree == 0 ? null : new ShardedGradient(Shard, Features + 1, Features, new ShardedGradientOptions { DegreeOfParallelism = Degree });
        }

        [GlobalCleanup]
        public void Cleanup() => sharded?.Dispose();

        /// <summary>A batch of synthetic rows and the logistic model's parameters.</summary>
        private sealed record LogisticInputs(Batch Batch, double[] W)
        {
            public static LogisticInputs Create(int rows)
            {
                var data = new SyntheticData();
                double[] x = data.Normal(rows * Features, 1.0);
                double[] y = data.BinaryLabels(x, rows, Features);
                return new LogisticInputs(Batch.FromDataSet(new DataSet(x, y, Features, classCount: 2)), data.Normal(Features + 1, 0.1));
            }
        }

        /// <summary>The logistic loss and gradient of one batch: unsharded when Degree is 0.</summary>
        [Benchmark]
        public double LogisticGradient() => sharded is null ? Shard(w, batch, gradient) : sharded.Compute(w, batch, gradient);

        /// <summary>For the smoke run: the largest difference between the sharded and the unsharded gradient.</summary>
        public double LargestDifference()
        {
            var plain = new double[Features + 1];
            Shard(w, batch, plain);
            using var two = new ShardedGradient(Shard, Features + 1, Features, new ShardedGradientOptions { DegreeOfParallelism = 2 });
            var parallel = new double[Features + 1];
            two.Compute(w, batch, parallel);
            double largest = 0;
            for (int j = 0; j < plain.Length; j++)
            {
                largest = Math.Max(largest, Math.Abs(plain[j] - parallel[j]) / (1 + Math.Abs(plain[j])));
            }

            return largest;
        }

        private static double Shard(ReadOnlySpan<double> w, Batch rows, Span<double> dw) =>
            SymGrad.Models.LogisticRegression.LossGradient(w, rows.Features, rows.Targets, Features, dw);
    }
}
