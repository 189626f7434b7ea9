using System;
using System.Linq;
using SymGrad.Benchmarks.Data;
using SymGrad.Data;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>
    /// The data of the sharded classifier benchmarks (<see cref="ParallelMulticlassBenchmarks"/>,
    /// <see cref="ParallelSinglePrecisionBenchmarks"/>): a workload's shape, its synthetic rows and class indices, the
    /// batch the sharded gradient cuts into shards, and initial parameters in the samples' layout.
    /// </summary>
    internal sealed class ShardedClassifierData
    {
        /// <summary>The data of <paramref name="workload"/> ("softmax m=10000 n=100 k=10" or "two-layer m=1000 n=64 h=32|64 k=10"), with <paramref name="rows"/> rows when given.</summary>
        public ShardedClassifierData(string workload, int? rows)
        {
            IsSoftmax = workload.StartsWith("softmax", StringComparison.Ordinal);
            int m = rows ?? (IsSoftmax ? 10000 : 1000);
            N = IsSoftmax ? 100 : 64;
            H = IsSoftmax ? 0 : workload.Contains("h=64", StringComparison.Ordinal) ? 64 : 32;
            K = 10;
            var data = new SyntheticData();
            Features = data.Normal(m * N, 1.0);
            Labels = SyntheticData.ClassIndices(data.OneHotLabels(Features, m, N, K), m, K).Select(c => (int)c).ToArray();
            Batch = Batch.FromDataSet(new DataSet(Features, Labels.Select(c => (double)c).ToArray(), N, classCount: K));
            Parameters = IsSoftmax ? data.Normal(SymGrad.Models.SoftmaxRegression.ParameterCount(N, K), 0.1) : SymGrad.Models.TwoLayerNetwork.InitialParameters(N, H, K, 7);
        }

        public bool IsSoftmax { get; }

        public int N { get; }

        public int H { get; }

        public int K { get; }

        public double[] Features { get; }

        public int[] Labels { get; }

        public Batch Batch { get; }

        public double[] Parameters { get; }

        /// <summary>The first row and the number of rows of a shard: its rows must be one run of the data set's rows.</summary>
        public static (int First, int Count) Run(Batch shard)
        {
            ReadOnlySpan<int> sourceRows = shard.SourceRows;
            if (sourceRows.Length > 0 && sourceRows[^1] - sourceRows[0] != sourceRows.Length - 1)
            {
                throw new InvalidOperationException("A shard's rows must be one run of the data set's rows.");
            }

            return (sourceRows.Length == 0 ? 0 : sourceRows[0], sourceRows.Length);
        }
    }
}
