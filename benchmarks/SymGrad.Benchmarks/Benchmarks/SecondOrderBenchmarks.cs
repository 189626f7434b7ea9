using System;
using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.Data;
using SymGrad.Benchmarks.Models;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>
    /// Second-order methods (issue 11) against the gradient they are built from, on the seed's models:
    /// the tangent (forward mode) and the Hessian-vector product (forward over reverse), each beside the
    /// generated gradient of the same model and shape (the baseline: the ratio column is HVP time /
    /// gradient time, target at most 4). And the dense Hessian of logistic regression (n = 101 with the
    /// bias, m = 10,000) against n + 1 gradient calls (the cheapest finite-difference Hessian, forward
    /// differences), and a vector-valued model's FJacobian against central differences.
    /// </summary>
    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class SecondOrderBenchmarks
    {
        private double[] w = Array.Empty<double>(), b = Array.Empty<double>(), x = Array.Empty<double>(), y = Array.Empty<double>();
        private double[] dw = Array.Empty<double>(), db = Array.Empty<double>(), vw = Array.Empty<double>(), vb = Array.Empty<double>();
        private double[] hw = Array.Empty<double>(), hb = Array.Empty<double>();
        private double[] w1 = Array.Empty<double>(), b1 = Array.Empty<double>(), w2 = Array.Empty<double>(), b2 = Array.Empty<double>();
        private double[] d1 = Array.Empty<double>(), d2 = Array.Empty<double>(), d3 = Array.Empty<double>(), d4 = Array.Empty<double>();
        private double[] v1 = Array.Empty<double>(), v2 = Array.Empty<double>(), v3 = Array.Empty<double>(), v4 = Array.Empty<double>();
        private double[] hessian = Array.Empty<double>(), shifted = Array.Empty<double>(), column = Array.Empty<double>();
        private Torch.CurveJacobianTorch? curveTorch;
        private double[] wl = Array.Empty<double>(), dwl = Array.Empty<double>(), vwl = Array.Empty<double>(), hwl = Array.Empty<double>();
        private double[] yk = Array.Empty<double>(), xs = Array.Empty<double>(), p = Array.Empty<double>(), output = Array.Empty<double>(), jacobian = Array.Empty<double>(), up = Array.Empty<double>(), down = Array.Empty<double>();

        /// <summary>Rows m, features n, hidden h, classes k of the gradient/HVP comparisons.</summary>
        [Params("1000 100 32 10")]
        public string Size { get; set; } = "1000 100 32 10";

        /// <summary>The tiny size of the smoke run.</summary>
        public const string SmokeSize = "7 3 4 3";

        /// <summary>Rows of the dense-Hessian comparison (issue 11: m = 10,000, n = 100 features plus the bias).</summary>
        public int HessianRows { get; set; } = 10000;

        private int M => int.Parse(Size.Split(' ')[0]);

        private int N => int.Parse(Size.Split(' ')[1]);

        private int H => int.Parse(Size.Split(' ')[2]);

        private int K => int.Parse(Size.Split(' ')[3]);

        [GlobalSetup]
        public void Setup()
        {
            var data = new SyntheticData();
            int rows = Math.Max(M, HessianRows);
            x = data.Normal(rows * N, 1.0);
            y = data.BinaryLabels(x, rows, N);
            yk = data.OneHotLabels(x, M, N, K);
            w = data.Normal(N * K, 0.1);
            b = data.Normal(K, 0.1);
            dw = new double[N * K];
            db = new double[K];
            vw = data.Normal(N * K, 1.0);
            vb = data.Normal(K, 1.0);
            hw = new double[N * K];
            hb = new double[K];
            w1 = data.Normal(H * N, 1.0 / Math.Sqrt(N));
            b1 = data.Normal(H, 0.1);
            w2 = data.Normal(K * H, 1.0 / Math.Sqrt(H));
            b2 = data.Normal(K, 0.1);
            d1 = new double[w1.Length];
            d2 = new double[b1.Length];
            d3 = new double[w2.Length];
            d4 = new double[b2.Length];
            v1 = data.Normal(w1.Length, 1.0);
            v2 = data.Normal(b1.Length, 1.0);
            v3 = data.Normal(w2.Length, 1.0);
            v4 = data.Normal(b2.Length, 1.0);
            wl = data.Normal(N, 0.1);
            dwl = new double[N];
            vwl = data.Normal(N, 1.0);
            hwl = new double[N];
            hessian = new double[(N + 1) * (N + 1)];
            shifted = new double[N];
            column = new double[N];
            xs = data.Normal(M, 1.0);
            p = new[] { 0.3, -0.5, 1.2, 0.1 };
            output = new double[M];
            jacobian = new double[M * p.Length];
            up = new double[M];
            down = new double[M];
            curveTorch = new Torch.CurveJacobianTorch(xs);
        }

        [GlobalCleanup]
        public void Cleanup() => curveTorch?.Dispose();

        [Benchmark(Baseline = true)]
        [BenchmarkCategory("Logistic")]
        public double LogisticGradient() => LogisticRegression.LossGradient(wl, b[0], x, y, M, N, dwl, out _);

        [Benchmark]
        [BenchmarkCategory("Logistic")]
        public double LogisticTangent() => LogisticRegression.LossTangent(wl, b[0], x, y, M, N, vwl, vb[0], out _);

        [Benchmark]
        [BenchmarkCategory("Logistic")]
        public double LogisticHessianVectorProduct() => LogisticRegression.LossHessianVectorProduct(wl, b[0], x, y, M, N, vwl, vb[0], hwl, out _);

        [Benchmark(Baseline = true)]
        [BenchmarkCategory("Softmax")]
        public double SoftmaxGradient() => SoftmaxRegression.LossGradient(w, b, x, yk, M, N, K, dw, db);

        [Benchmark]
        [BenchmarkCategory("Softmax")]
        public double SoftmaxHessianVectorProduct() => SoftmaxRegression.LossHessianVectorProduct(w, b, x, yk, M, N, K, vw, vb, hw, hb);

        [Benchmark(Baseline = true)]
        [BenchmarkCategory("TwoLayer")]
        public double TwoLayerGradient() => TwoLayerClassifier.LossGradient(w1, b1, w2, b2, x, yk, M, N, H, K, d1, d2, d3, d4);

        [Benchmark]
        [BenchmarkCategory("TwoLayer")]
        public double TwoLayerHessianVectorProduct() => TwoLayerClassifier.LossHessianVectorProduct(w1, b1, w2, b2, x, yk, M, N, H, K, v1, v2, v3, v4, d1, d2, d3, d4);

        /// <summary>The dense Hessian of logistic regression (n = N + 1 with the bias) at HessianRows rows.</summary>
        [Benchmark(Baseline = true)]
        [BenchmarkCategory("DenseHessian")]
        public double LogisticHessian() => LogisticRegression.LossHessian(wl, b[0], x, y, HessianRows, N, dwl, out _, hessian);

        /// <summary>The cheapest finite-difference Hessian: the gradient at w and at w + ε e_k for every k (n + 1 gradient calls).</summary>
        [Benchmark]
        [BenchmarkCategory("DenseHessian")]
        public double LogisticHessianByGradientDifferences()
        {
            const double Step = 1e-5;
            double[] weights = wl;
            double value = LogisticRegression.LossGradient(weights, b[0], x, y, HessianRows, N, dwl, out double gb);
            for (int k = 0; k <= N; k++)
            {
                weights.AsSpan().CopyTo(shifted);
                double bias = b[0];
                if (k < N)
                {
                    shifted[k] += Step;
                }
                else
                {
                    bias += Step;
                }

                LogisticRegression.LossGradient(shifted, bias, x, y, HessianRows, N, column, out double columnBias);
                for (int j = 0; j < N; j++)
                {
                    hessian[j * (N + 1) + k] = (column[j] - dwl[j]) / Step;
                }

                hessian[N * (N + 1) + k] = (columnBias - gb) / Step;
            }

            return value;
        }

        /// <summary>The Jacobian of m exponential-model predictions with respect to 4 parameters: FJacobian (forward mode, 4 tangents).</summary>
        [Benchmark(Baseline = true)]
        [BenchmarkCategory("Jacobian")]
        public void CurveJacobian() => CurveModel.PredictJacobian(p, xs, output, jacobian);

        /// <summary>The same Jacobian by TorchSharp's torch.autograd.functional.jacobian (one thread).</summary>
        [Benchmark]
        [BenchmarkCategory("Jacobian")]
        public void CurveJacobianTorch()
        {
            TorchSharp.torch.set_num_threads(1);
            curveTorch!.Jacobian(p, jacobian);
        }

        /// <summary>The same Jacobian by central differences: 2 evaluations per parameter.</summary>
        [Benchmark]
        [BenchmarkCategory("Jacobian")]
        public void CurveJacobianByCentralDifferences()
        {
            const double Step = 1e-6;
            for (int k = 0; k < p.Length; k++)
            {
                double keep = p[k];
                p[k] = keep + Step;
                CurveModel.Predict(p, xs, up);
                p[k] = keep - Step;
                CurveModel.Predict(p, xs, down);
                p[k] = keep;
                for (int i = 0; i < output.Length; i++)
                {
                    jacobian[i * p.Length + k] = (up[i] - down[i]) / (2 * Step);
                }
            }
        }
    
        /// <summary>For the smoke run: how far the generated dense Hessian and Jacobian are from their finite-difference baselines.</summary>
        public (double Hessian, double Jacobian) LargestDifferences()
        {
            LogisticHessian();
            double[] generated = (double[])hessian.Clone();
            LogisticHessianByGradientDifferences();
            double hessianDifference = 0;
            for (int i = 0; i < generated.Length; i++)
            {
                hessianDifference = Math.Max(hessianDifference, Math.Abs(generated[i] - hessian[i]));
            }

            CurveJacobian();
            double[] exact = (double[])jacobian.Clone();
            CurveJacobianTorch();
            double torchDifference = 0;
            for (int i = 0; i < exact.Length; i++)
            {
                torchDifference = Math.Max(torchDifference, Math.Abs(exact[i] - jacobian[i]));
            }

            CurveJacobianByCentralDifferences();
            double jacobianDifference = 0;
            for (int i = 0; i < exact.Length; i++)
            {
                jacobianDifference = Math.Max(jacobianDifference, Math.Abs(exact[i] - jacobian[i]));
            }

            return (hessianDifference, Math.Max(jacobianDifference, torchDifference));
        }
    }
}
