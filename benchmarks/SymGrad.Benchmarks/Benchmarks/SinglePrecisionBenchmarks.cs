using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.Data;
using SymGrad.Benchmarks.Gradients.Blocked;
using SymGrad.Benchmarks.Gradients.Blocked.Single;
using SymGrad.Benchmarks.Models;
using SymGrad.Benchmarks.Models.Single;
using TorchSharp;
using static TorchSharp.torch;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>
    /// The three workloads in <c>float</c> (issue 12 part 5, docs/single-precision.md): the generated <c>float</c>
    /// gradient against the register-blocked hand-written <c>float</c> one (Gradients/Blocked/Single), the generated
    /// <c>double</c> one and TorchSharp's idiomatic model in <c>float32</c>. Setup checks the generated and the blocked
    /// <c>float</c> gradients (the blocked one at both lane widths) against the <c>double</c> one (within 1e-3 of the
    /// largest partial) and the generated one against TorchSharp's, so a wrong gradient never gets timed.
    /// </summary>
    [MemoryDiagnoser]
    public class SinglePrecisionBenchmarks
    {
        private Case? current;

        [ParamsSource(nameof(Cases))]
        public string Workload { get; set; } = "logistic m=1000 n=100";

        /// <summary>TorchSharp's intra-op threads: one, as the generated gradient uses (the one-thread target), or LibTorch's default (against <see cref="ParallelSinglePrecisionBenchmarks"/>).</summary>
        [Params(Torch.TorchThreads.One, Torch.TorchThreads.Default)]
        public string TorchThreads { get; set; } = Torch.TorchThreads.One;

        public static IEnumerable<string> Cases => new[]
        {
            "logistic m=100 n=10", "logistic m=1000 n=100", "logistic m=10000 n=100",
            "softmax m=100 n=10 k=10", "softmax m=1000 n=100 k=10", "softmax m=2000 n=64 k=10", "softmax m=10000 n=100 k=10",
            "two-layer m=1000 n=64 h=32 k=10", "two-layer m=1000 n=64 h=64 k=10",
        };

        /// <summary>The smoke run's tiny case.</summary>
        public static string SmokeCase => "softmax m=5 n=3 k=2";

        [GlobalSetup]
        public void Setup()
        {
            Torch.TorchThreads.Apply(TorchThreads);
            string workload = Workload;
            current = SharedInputs.Get(GetType(), workload, () => Case.Create(workload));
            current.Check();
        }

        /// <summary>Lets go of the case; <see cref="SharedInputs"/> keeps it for the class's other benchmarks.</summary>
        [GlobalCleanup]
        public void Cleanup() => current = null;

        [Benchmark]
        public float GeneratedFloat() => Current.Single();

        /// <summary>The register-blocked hand-written <c>float</c> gradient (Gradients/Blocked/Single): the strongest hand-written <c>float</c> baseline.</summary>
        [Benchmark]
        public float HandBlockedFloat() => Current.Blocked(LaneWidth.Widest);

        [Benchmark]
        public double GeneratedDouble() => Current.Double();

        [Benchmark]
        [BenchmarkCategory(SuiteCategories.Torch)]
        public float TorchFloat32() => Current.Torch();

        private Case Current => current ?? throw new InvalidOperationException("GlobalSetup has not run.");

        /// <summary>The case built or taken by <see cref="Setup"/> (for <see cref="Checking.SharedInputsCheck"/>).</summary>
        internal object CurrentInputs => Current;

        /// <summary>One workload's data and parameters in both precisions, and its TorchSharp float32 model.</summary>
        private sealed class Case : IDisposable
        {
            private readonly string kind;
            private readonly int m, n, h, k;
            private readonly double[][] parameters;
            private readonly double[][] gradients;
            private readonly float[][] singleParameters;
            private readonly float[][] singleGradients;
            private readonly float[][] blockedGradients;
            private readonly object blockedWorkspace;
            private readonly double[] x, y;
            private readonly float[] xs, ys;
            private readonly Tensor[] leaves;
            private readonly Tensor xTensor, target;

            private Case(string kind, int m, int n, int h, int k)
            {
                (this.kind, this.m, this.n, this.h, this.k) = (kind, m, n, h, k);
                SyntheticData data = new();
                x = data.Normal(m * n, 1.0);
                y = kind == "logistic" ? data.BinaryLabels(x, m, n) : data.OneHotLabels(x, m, n, k);
                parameters = kind switch
                {
                    "logistic" => new[] { data.Normal(n, 0.1), data.Normal(1, 0.1) },
                    "softmax" => new[] { data.Normal(k * n, 0.1), data.Normal(k, 0.1) },
                    _ => new[] { data.Normal(h * n, 1.0 / Math.Sqrt(n)), data.Normal(h, 0.1), data.Normal(k * h, 1.0 / Math.Sqrt(h)), data.Normal(k, 0.1) },
                };

                // Both precisions start from the same float values.
                for (int p = 0; p < parameters.Length; p++)
                {
                    parameters[p] = parameters[p].Select(v => (double)(float)v).ToArray();
                }

                x = x.Select(v => (double)(float)v).ToArray();
                xs = x.Select(v => (float)v).ToArray();
                ys = y.Select(v => (float)v).ToArray();
                gradients = parameters.Select(p => new double[p.Length]).ToArray();
                singleParameters = parameters.Select(p => p.Select(v => (float)v).ToArray()).ToArray();
                singleGradients = parameters.Select(p => new float[p.Length]).ToArray();
                blockedGradients = parameters.Select(p => new float[p.Length]).ToArray();
                blockedWorkspace = kind switch
                {
                    "logistic" => new SingleLogisticBlockedWorkspace(n),
                    "softmax" => new SingleSoftmaxBlockedWorkspace(n, k),
                    _ => new SingleTwoLayerBlockedWorkspace(n, h, k),
                };
                long[][] shapes = kind switch
                {
                    "logistic" => new[] { new long[] { n }, new long[] { 1 } },
                    "softmax" => new[] { new long[] { k, n }, new long[] { k } },
                    _ => new[] { new long[] { h, n }, new long[] { h }, new long[] { k, h }, new long[] { k } },
                };
                leaves = singleParameters.Select((p, i) => torch.tensor(p, shapes[i], ScalarType.Float32).requires_grad_(true)).ToArray();
                xTensor = torch.tensor(xs, new long[] { m, n }, ScalarType.Float32);
                target = kind == "logistic"
                    ? torch.tensor(ys, new long[] { m }, ScalarType.Float32)
                    : torch.tensor(SyntheticData.ClassIndices(y, m, k), new long[] { m }, ScalarType.Int64);
            }

            public static Case Create(string workload)
            {
                string[] parts = workload.Split(' ');
                int Get(string name) => int.Parse(parts.First(p => p.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                return parts[0] switch
                {
                    "logistic" => new Case("logistic", Get("m"), Get("n"), 0, 0),
                    "softmax" => new Case("softmax", Get("m"), Get("n"), 0, Get("k")),
                    _ => new Case("two-layer", Get("m"), Get("n"), Get("h"), Get("k")),
                };
            }

            public float Single()
            {
                float[][] p = singleParameters, g = singleGradients;
                switch (kind)
                {
                    case "logistic":
                        float loss = SingleLogisticRegression.LossGradient(p[0], p[1][0], xs, ys, m, n, g[0], out float bias);
                        g[1][0] = bias;
                        return loss;
                    case "softmax":
                        return SingleSoftmaxRegression.LossGradient(p[0], p[1], xs, ys, m, n, k, g[0], g[1]);
                    default:
                        return SingleTwoLayerClassifier.LossGradient(p[0], p[1], p[2], p[3], xs, ys, m, n, h, k, g[0], g[1], g[2], g[3]);
                }
            }

            /// <summary>The register-blocked <c>float</c> gradient into its own arrays, at <paramref name="width"/>.</summary>
            public float Blocked(LaneWidth width)
            {
                float[][] p = singleParameters, g = blockedGradients;
                switch (kind)
                {
                    case "logistic":
                        float loss = SingleLogisticBlocked.Gradient(p[0], p[1][0], xs, ys, m, n, g[0], out float bias, (SingleLogisticBlockedWorkspace)blockedWorkspace, width);
                        g[1][0] = bias;
                        return loss;
                    case "softmax":
                        return SingleSoftmaxBlocked.Gradient(p[0], p[1], xs, ys, m, n, k, g[0], g[1], (SingleSoftmaxBlockedWorkspace)blockedWorkspace, width);
                    default:
                        return SingleTwoLayerBlocked.Gradient(p[0], p[1], p[2], p[3], xs, ys, m, n, h, k, g[0], g[1], g[2], g[3], (SingleTwoLayerBlockedWorkspace)blockedWorkspace, width);
                }
            }

            public double Double()
            {
                double[][] p = parameters, g = gradients;
                switch (kind)
                {
                    case "logistic":
                        double loss = LogisticRegression.LossGradient(p[0], p[1][0], x, y, m, n, g[0], out double bias);
                        g[1][0] = bias;
                        return loss;
                    case "softmax":
                        return SoftmaxRegression.LossGradient(p[0], p[1], x, y, m, n, k, g[0], g[1]);
                    default:
                        return TwoLayerClassifier.LossGradient(p[0], p[1], p[2], p[3], x, y, m, n, h, k, g[0], g[1], g[2], g[3]);
                }
            }

            public float Torch()
            {
                using DisposeScope scope = torch.NewDisposeScope();
                foreach (Tensor leaf in leaves)
                {
                    leaf.grad?.zero_();
                }

                Tensor loss = kind switch
                {
                    "logistic" => nn.functional.binary_cross_entropy_with_logits(xTensor.matmul(leaves[0]) + leaves[1], target),
                    "softmax" => nn.functional.cross_entropy(nn.functional.linear(xTensor, leaves[0], leaves[1]), target),
                    _ => nn.functional.cross_entropy(nn.functional.linear(torch.sigmoid(nn.functional.linear(xTensor, leaves[0], leaves[1])), leaves[2], leaves[3]), target),
                };
                loss.backward();
                return loss.item<float>();
            }

            /// <summary>
            /// The generated float gradient within 1e-3 of the largest partial of the double one and of TorchSharp's
            /// float32 one, and the blocked float gradient (at both lane widths) within 1e-3 of the double one; each loss
            /// within 1e-4 relative of the double one.
            /// </summary>
            public void Check()
            {
                float single = Single();
                double wide = Double();
                float torchLoss = Torch();
                double scale = Math.Max(1e-3, gradients.SelectMany(g => g).Select(Math.Abs).Max());
                if (!(Math.Abs(single - wide) <= 1e-4 * Math.Max(1.0, Math.Abs(wide))) || !(Math.Abs(torchLoss - wide) <= 1e-4 * Math.Max(1.0, Math.Abs(wide))))  // NaN fails too
                {
                    throw new InvalidOperationException($"{kind}: float loss {single}, double {wide}, TorchSharp float32 {torchLoss}");
                }

                for (int p = 0; p < gradients.Length; p++)
                {
                    float[] torchGradient = leaves[p].grad!.data<float>().ToArray();
                    for (int i = 0; i < gradients[p].Length; i++)
                    {
                        if (!(Math.Abs(singleGradients[p][i] - gradients[p][i]) <= 1e-3 * scale) || !(Math.Abs(torchGradient[i] - gradients[p][i]) <= 1e-3 * scale))
                        {
                            throw new InvalidOperationException($"{kind}: partial {p}/{i}: float {singleGradients[p][i]}, double {gradients[p][i]}, TorchSharp float32 {torchGradient[i]}");
                        }
                    }
                }

                foreach (LaneWidth width in new[] { LaneWidth.Widest, LaneWidth.Vector256 })
                {
                    foreach (float[] g in blockedGradients)
                    {
                        Array.Fill(g, float.NaN);
                    }

                    float blocked = Blocked(width);
                    if (!(Math.Abs(blocked - wide) <= 1e-4 * Math.Max(1.0, Math.Abs(wide))))
                    {
                        throw new InvalidOperationException($"{kind}: blocked float loss ({width}) {blocked}, double {wide}");
                    }

                    for (int p = 0; p < gradients.Length; p++)
                    {
                        for (int i = 0; i < gradients[p].Length; i++)
                        {
                            if (!(Math.Abs(blockedGradients[p][i] - gradients[p][i]) <= 1e-3 * scale))
                            {
                                throw new InvalidOperationException($"{kind}: partial {p}/{i}: blocked float ({width}) {blockedGradients[p][i]}, double {gradients[p][i]}");
                            }
                        }
                    }
                }
            }

            public void Dispose()
            {
                foreach (Tensor leaf in leaves)
                {
                    leaf.Dispose();
                }

                xTensor.Dispose();
                target.Dispose();
            }
        }
    }
}
