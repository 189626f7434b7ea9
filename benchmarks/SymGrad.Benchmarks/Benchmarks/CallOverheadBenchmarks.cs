using System;
using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.Data;
using SymGrad.Benchmarks.Models;
using SymGrad.Models;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>
    /// What calls between [Differentiable] methods cost (issue 10: at most 5%): the two-layer network's
    /// losses as samples/SymGrad.Models/TwoLayerNetwork.cs writes them, as layers calling the
    /// [Differentiable] HiddenUnit and OutputUnit, against the same losses with the layers pasted into
    /// each loss (Models/TwoLayerNetworkPasted.cs, the sample as it was before calls were possible).
    /// Generated gradients only; Pasted is the baseline.
    /// </summary>
    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class CallOverheadBenchmarks
    {
        private double[] p = Array.Empty<double>();
        private double[] dp = Array.Empty<double>();
        private double[] x = Array.Empty<double>();
        private double[] t = Array.Empty<double>();
        private int[] y = Array.Empty<int>();

        /// <summary>Rows, features, hidden units, classes: "m n h k".</summary>
        [Params("1000 64 32 10")]
        public string Size { get; set; } = "1000 64 32 10";

        /// <summary>The tiny size of the smoke run.</summary>
        public const string SmokeSize = "7 3 4 3";

        private int N => int.Parse(Size.Split(' ')[1]);

        private int H => int.Parse(Size.Split(' ')[2]);

        private int K => int.Parse(Size.Split(' ')[3]);

        [GlobalSetup]
        public void Setup()
        {
            string[] parts = Size.Split(' ');
            int m = int.Parse(parts[0]);
            var data = new SyntheticData();
            x = data.Normal(m * N, 1.0);
            t = data.Normal(m, 1.0);
            y = new int[m];
            for (int i = 0; i < m; i++)
            {
                y[i] = (int)((uint)(i * 2654435761u) % (uint)K);
            }

            p = TwoLayerNetwork.InitialParameters(N, H, K, SyntheticData.Seed);
            dp = new double[p.Length];
        }

        [Benchmark(Baseline = true)]
        [BenchmarkCategory("Multiclass")]
        public double MulticlassPasted() => TwoLayerNetworkPasted.MulticlassLossGradient(p, x, y, N, H, K, dp);

        [Benchmark]
        [BenchmarkCategory("Multiclass")]
        public double MulticlassLayered() => TwoLayerNetwork.MulticlassLossGradient(p, x, y, N, H, K, dp);

        [Benchmark(Baseline = true)]
        [BenchmarkCategory("Regression")]
        public double RegressionPasted() => TwoLayerNetworkPasted.RegressionLossGradient(p.AsSpan(0, TwoLayerNetwork.ParameterCount(N, H, 1)), x, t, N, H, dp.AsSpan(0, TwoLayerNetwork.ParameterCount(N, H, 1)));

        [Benchmark]
        [BenchmarkCategory("Regression")]
        public double RegressionLayered() => TwoLayerNetwork.RegressionLossGradient(p.AsSpan(0, TwoLayerNetwork.ParameterCount(N, H, 1)), x, t, N, H, dp.AsSpan(0, TwoLayerNetwork.ParameterCount(N, H, 1)));

        /// <summary>For the smoke run: the layered and pasted gradients agree (both are checked against finite differences elsewhere).</summary>
        public double LargestDifference()
        {
            var layered = new double[p.Length];
            double a = TwoLayerNetworkPasted.MulticlassLossGradient(p, x, y, N, H, K, dp);
            double b = TwoLayerNetwork.MulticlassLossGradient(p, x, y, N, H, K, layered);
            double largest = Math.Abs(a - b);
            for (int i = 0; i < dp.Length; i++)
            {
                largest = Math.Max(largest, Math.Abs(dp[i] - layered[i]));
            }

            return largest;
        }
    }
}
