using System;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.Data;
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
        private int n;
        private int h;
        private int k;
        private int parameterCount;
        private Batch batch = new(1, 1);
        private int[] labels = Array.Empty<int>();
        private float[] features = Array.Empty<float>();
        private double[] w = Array.Empty<double>(), gradient = Array.Empty<double>();
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
            features = x.Select(v => (float)v).ToArray();
            w = IsSoftmax ? data.Normal(SymGrad.Models.SoftmaxRegression.ParameterCount(n, k), 0.1) : SymGrad.Models.TwoLayerNetwork.InitialParameters(n, h, k, 7);
            parameterCount = w.Length;
            gradient = new double[parameterCount];
            int count = parameterCount;
            buffers = new ThreadLocal<(float[], float[])>(() => (new float[count], new float[count]));
            sharded = Degree == 0 ? null : new ShardedGradient(Shard, parameterCount, n, new ShardedGradientOptions { DegreeOfParallelism = Degree });
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            sharded?.Dispose();
            buffers?.Dispose();
        }

        /// <summary>The loss and gradient of one batch: unsharded when Degree is 0.</summary>
        [Benchmark]
        public double SingleGradient() => sharded is null ? Shard(w, batch, gradient) : sharded.Compute(w, batch, gradient);

        /// <summary>For the smoke run: the largest relative difference between the gradient sharded on two threads and the unsharded one (<c>float</c> shards add in another order: about 1e-7).</summary>
        public double LargestDifference()
        {
            var plain = new double[parameterCount];
            Shard(w, batch, plain);
            using var two = new ShardedGradient(Shard, parameterCount, n, new ShardedGradientOptions { DegreeOfParallelism = 2 });
            var parallel = new double[parameterCount];
            two.Compute(w, batch, parallel);
            double largest = plain.Max(Math.Abs);
            return plain.Zip(parallel, (a, b) => Math.Abs(a - b) / (1 + largest)).Max();
        }

        /// <summary>One shard: its rows' <c>float</c> features and class indices (the runs its rows came from), the parameters narrowed, the <c>float</c> gradient widened.</summary>
        private double Shard(ReadOnlySpan<double> parameters, Batch rows, Span<double> dw)
        {
            ReadOnlySpan<int> sourceRows = rows.SourceRows;
            if (sourceRows.Length > 0 && sourceRows[^1] - sourceRows[0] != sourceRows.Length - 1)
            {
                throw new InvalidOperationException("A shard's rows must be one run of the data set's rows.");
            }

            int first = sourceRows.Length == 0 ? 0 : sourceRows[0];
            ReadOnlySpan<int> y = labels.AsSpan(first, sourceRows.Length);
            ReadOnlySpan<float> x = features.AsSpan(first * n, sourceRows.Length * n);
            (float[] p, float[] g) = buffers!.Value;
            for (int i = 0; i < p.Length; i++)
            {
                p[i] = (float)parameters[i];
            }

            float loss = IsSoftmax
                ? SingleLabelClassifiers.SoftmaxGradient(p, x, y, n, k, g)
                : SingleLabelClassifiers.NetworkGradient(p, x, y, n, h, k, g);
            for (int i = 0; i < g.Length; i++)
            {
                dw[i] = g[i];
            }

            return loss;
        }
    }
}
