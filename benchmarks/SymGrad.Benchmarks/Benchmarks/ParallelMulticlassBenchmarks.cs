using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
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
        private ShardedClassifierData data = null!;
        private double[] gradient = Array.Empty<double>();
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

        [GlobalSetup]
        public void Setup()
        {
            (string workload, int? rows) = (Workload, RowsOverride);
            data = SharedInputs.Get(GetType(), $"{workload} rows={rows}", () => new ShardedClassifierData(workload, rows));
            gradient = new double[data.Parameters.Length];
            sharded = Degree == 0 ? null : new ShardedGradient(Shard, data.Parameters.Length, data.N, new ShardedGradientOptions { DegreeOfParallelism = Degree });
        }

        [GlobalCleanup]
        public void Cleanup() => sharded?.Dispose();

        /// <summary>The loss and gradient of one batch: unsharded when Degree is 0.</summary>
        [Benchmark]
        public double MulticlassGradient() => sharded is null ? Shard(data.Parameters, data.Batch, gradient) : sharded.Compute(data.Parameters, data.Batch, gradient);

        /// <summary>For the smoke run: the largest relative difference between the gradient sharded on two threads and the unsharded one.</summary>
        public double LargestDifference()
        {
            var plain = new double[data.Parameters.Length];
            Shard(data.Parameters, data.Batch, plain);
            using var two = new ShardedGradient(Shard, data.Parameters.Length, data.N, new ShardedGradientOptions { DegreeOfParallelism = 2 });
            var parallel = new double[data.Parameters.Length];
            two.Compute(data.Parameters, data.Batch, parallel);
            return plain.Zip(parallel, (a, b) => Math.Abs(a - b) / (1 + Math.Abs(a))).Max();
        }

        /// <summary>One shard's loss and gradient; its class indices are the run of <see cref="labels"/> its rows came from.</summary>
        private double Shard(ReadOnlySpan<double> parameters, Batch rows, Span<double> dw)
        {
            (int first, int count) = ShardedClassifierData.Run(rows);
            ReadOnlySpan<int> y = data.Labels.AsSpan(first, count);
            return data.IsSoftmax
                ? SymGrad.Models.SoftmaxRegression.LossGradient(parameters, rows.Features, y, data.N, data.K, dw)
                : SymGrad.Models.TwoLayerNetwork.MulticlassLossGradient(parameters, rows.Features, y, data.N, data.H, data.K, dw);
        }
    }
}
