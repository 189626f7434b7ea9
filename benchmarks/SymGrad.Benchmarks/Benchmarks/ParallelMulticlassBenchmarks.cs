using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.Data;
using SymGrad.Data;
using SymGrad.Training;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>
    /// Data parallelism (issue 12, part 4) on the multi-class workloads: the generated gradients of the samples'
    /// <c>SoftmaxRegression.Loss</c> (m = 10,000 rows, n = 100 features, k = 10 classes) and
    /// <c>TwoLayerNetwork.MulticlassLoss</c> (m = 1000, n = 64, h = 32 and 64, k = 10), once unsharded on the calling
    /// thread and through a <see cref="ShardedGradient"/> (shards of 256 rows) with 1 to all cores: the numbers to set
    /// against TorchSharp with its default threads in the workload tables. The samples' models hold each class's bias
    /// first and take class indices; the workload benchmarks' models are the same mathematics in another layout.
    /// </summary>
    [MemoryDiagnoser]
    public class ParallelMulticlassBenchmarks
    {
        private int n;
        private int h;
        private int k;
        private int parameterCount;
        private Batch batch = new(1, 1);
        private int[] labels = Array.Empty<int>();
        private double[] w = Array.Empty<double>(), gradient = Array.Empty<double>();
        private ShardedGradient? sharded;

        /// <summary>The model and its shape.</summary>
        [Params("softmax m=10000 n=100 k=10", "two-layer m=1000 n=64 h=32 k=10", "two-layer m=1000 n=64 h=64 k=10")]
        public string Workload { get; set; } = "softmax m=10000 n=100 k=10";

        /// <summary>Threads of the sharded gradient (0: the unsharded call).</summary>
        [ParamsSource(nameof(Degrees))]
        public int Degree { get; set; }

        /// <summary>Rows, when not the workload's own (the smoke run's small batches).</summary>
        public int? RowsOverride { get; set; }

        /// <summary>0 (unsharded), then 1 to every core.</summary>
        public static int[] Degrees() => ParallelGradientBenchmarks.Degrees();

        private bool IsSoftmax => Workload.StartsWith("softmax", StringComparison.Ordinal);

        [GlobalSetup]
        public void Setup()
        {
            int m = RowsOverride ?? (IsSoftmax ? 10000 : 1000);
            n = IsSoftmax ? 100 : 64;
            h = IsSoftmax ? 0 : Workload.Contains("h=64", StringComparison.Ordinal) ? 64 : 32;
            k = 10;
            var data = new SyntheticData();
            double[] x = data.Normal(m * n, 1.0);
            labels = SyntheticData.ClassIndices(data.OneHotLabels(x, m, n, k), m, k).Select(c => (int)c).ToArray();
            batch = Batch.FromDataSet(new DataSet(x, labels.Select(c => (double)c).ToArray(), n, classCount: k));
            w = IsSoftmax ? data.Normal(SymGrad.Models.SoftmaxRegression.ParameterCount(n, k), 0.1) : SymGrad.Models.TwoLayerNetwork.InitialParameters(n, h, k, 7);
            parameterCount = w.Length;
            gradient = new double[parameterCount];
            sharded = Degree == 0 ? null : new ShardedGradient(Shard, parameterCount, n, new ShardedGradientOptions { DegreeOfParallelism = Degree });
        }

        [GlobalCleanup]
        public void Cleanup() => sharded?.Dispose();

        /// <summary>The loss and gradient of one batch: unsharded when Degree is 0.</summary>
        [Benchmark]
        public double MulticlassGradient() => sharded is null ? Shard(w, batch, gradient) : sharded.Compute(w, batch, gradient);

        /// <summary>For the smoke run: the largest relative difference between the gradient sharded on two threads and the unsharded one.</summary>
        public double LargestDifference()
        {
            var plain = new double[parameterCount];
            Shard(w, batch, plain);
            using var two = new ShardedGradient(Shard, parameterCount, n, new ShardedGradientOptions { DegreeOfParallelism = 2 });
            var parallel = new double[parameterCount];
            two.Compute(w, batch, parallel);
            return plain.Zip(parallel, (a, b) => Math.Abs(a - b) / (1 + Math.Abs(a))).Max();
        }

        /// <summary>One shard's loss and gradient; its class indices are the run of <see cref="labels"/> its rows came from.</summary>
        private double Shard(ReadOnlySpan<double> parameters, Batch rows, Span<double> dw)
        {
            ReadOnlySpan<int> sourceRows = rows.SourceRows;
            if (sourceRows.Length > 0 && sourceRows[^1] - sourceRows[0] != sourceRows.Length - 1)
            {
                throw new InvalidOperationException("A shard's rows must be one run of the data set's rows.");
            }

            ReadOnlySpan<int> y = sourceRows.Length == 0 ? ReadOnlySpan<int>.Empty : labels.AsSpan(sourceRows[0], sourceRows.Length);
            return IsSoftmax
                ? SymGrad.Models.SoftmaxRegression.LossGradient(parameters, rows.Features, y, n, k, dw)
                : SymGrad.Models.TwoLayerNetwork.MulticlassLossGradient(parameters, rows.Features, y, n, h, k, dw);
        }
    }
}
