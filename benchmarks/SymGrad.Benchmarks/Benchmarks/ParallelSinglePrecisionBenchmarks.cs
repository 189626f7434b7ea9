using System;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.Models.Single;
using SymGrad.Data;
using SymGrad.Training;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>
    /// Data parallelism in <c>float</c> (issue 12, parts 4 and 5): <see cref="ParallelMulticlassBenchmarks"/>' workloads
    /// with the samples' classifiers written in <c>float</c> (<see cref="SingleLabelClassifiers"/>), through a
    /// <see cref="ShardedGradient"/> (shards of 256 rows) with 1 to all cores. The features are narrowed to <c>float</c>
    /// once, in setup, as a <c>float</c> data set would hold them; the parameters stay in <c>double</c> (master weights),
    /// and each shard narrows them into a buffer of its thread and widens its <c>float</c> gradient back, as
    /// <c>SinglePrecision.LossAndGradient</c> does. The numbers to set against TorchSharp <c>float32</c> with its default
    /// threads (<see cref="SinglePrecisionBenchmarks"/> with <c>TorchThreads=default</c>).
    /// </summary>
    [MemoryDiagnoser]
    public class ParallelSinglePrecisionBenchmarks
    {
        private ShardedClassifierData data = null!;
        private float[] features = Array.Empty<float>();
        private double[] gradient = Array.Empty<double>();
        private ThreadLocal<(float[] Parameters, float[] Gradient)>? buffers;
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
            (data, features) = SharedInputs.Get(GetType(), $"{workload} rows={rows}", () => SingleInputs.Create(workload, rows));
            int count = data.Parameters.Length;
            gradient = new double[count];
            buffers = new ThreadLocal<(float[], float[])>(() => (new float[count], new float[count]));
            sharded = Degree == 0 ? null : new ShardedGradient(Shard, count, data.N, new ShardedGradientOptions { DegreeOfParallelism = Degree });
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            sharded?.Dispose();
            buffers?.Dispose();
        }

        /// <summary>The loss and gradient of one batch: unsharded when Degree is 0.</summary>
        [Benchmark]
        public double SingleGradient() => sharded is null ? Shard(data.Parameters, data.Batch, gradient) : sharded.Compute(data.Parameters, data.Batch, gradient);

        /// <summary>For the smoke run: the largest relative difference between the gradient sharded on two threads and the unsharded one (<c>float</c> shards add in another order: about 1e-7).</summary>
        public double LargestDifference()
        {
            var plain = new double[data.Parameters.Length];
            Shard(data.Parameters, data.Batch, plain);
            using var two = new ShardedGradient(Shard, data.Parameters.Length, data.N, new ShardedGradientOptions { DegreeOfParallelism = 2 });
            var parallel = new double[data.Parameters.Length];
            two.Compute(data.Parameters, data.Batch, parallel);
            double largest = plain.Max(Math.Abs);
            return plain.Zip(parallel, (a, b) => Math.Abs(a - b) / (1 + largest)).Max();
        }

        /// <summary>One shard: its rows' <c>float</c> features and class indices (the runs its rows came from), the parameters narrowed, the <c>float</c> gradient widened.</summary>
        private double Shard(ReadOnlySpan<double> parameters, Batch rows, Span<double> dw)
        {
            (int first, int count) = ShardedClassifierData.Run(rows);
            ReadOnlySpan<int> y = data.Labels.AsSpan(first, count);
            ReadOnlySpan<float> x = features.AsSpan(first * data.N, count * data.N);
            (float[] p, float[] g) = buffers!.Value;
            for (int i = 0; i < p.Length; i++)
            {
                p[i] = (float)parameters[i];
            }

            float loss = data.IsSoftmax
                ? SingleLabelClassifiers.SoftmaxGradient(p, x, y, data.N, data.K, g)
                : SingleLabelClassifiers.NetworkGradient(p, x, y, data.N, data.H, data.K, g);
            for (int i = 0; i < g.Length; i++)
            {
                dw[i] = g[i];
            }

            return loss;
        }

        /// <summary>A workload's data and its features rounded to <c>float</c>, shared by every degree (<see cref="SharedInputs"/>).</summary>
        private sealed record SingleInputs(ShardedClassifierData Data, float[] Features)
        {
            public static SingleInputs Create(string workload, int? rows)
            {
                var data = new ShardedClassifierData(workload, rows);
                return new SingleInputs(data, data.Features.Select(v => (float)v).ToArray());
            }
        }
    }
}
