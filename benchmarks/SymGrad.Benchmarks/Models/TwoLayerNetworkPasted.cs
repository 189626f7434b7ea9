using System;
using SymGrad;

namespace SymGrad.Benchmarks.Models
{
    /// <summary>
    /// The two-layer network's losses with the hidden and output layers pasted into each loss, as
    /// samples/SymGrad.Models/TwoLayerNetwork.cs was written before [Differentiable] methods could call
    /// each other: the baseline of the call-overhead benchmark (CallOverheadBenchmarks).
    /// </summary>
    public static partial class TwoLayerNetworkPasted
    {
        /// <summary>Regression: E = 1/2 sum_i r_i^2 with r_i = w2 . (1, sigmoid(W1 (1, x_i))) - t_i.</summary>
        [Differentiable]
        public static double RegressionLoss(ReadOnlySpan<double> p, [NoDerivative] ReadOnlySpan<double> x, [NoDerivative] ReadOnlySpan<double> t, int n, int h)
        {
            int m = t.Length;
            int second = h * (n + 1);
            Span<double> hidden = stackalloc double[h];
            double error = 0;
            for (int i = 0; i < m; i++)
            {
                for (int u = 0; u < h; u++)
                {
                    double a = p[u * (n + 1)];
                    for (int j = 0; j < n; j++)
                    {
                        a += p[u * (n + 1) + j + 1] * x[i * n + j];
                    }

                    hidden[u] = SymMath.Sigmoid(a);
                }

                double output = p[second];
                for (int u = 0; u < h; u++)
                {
                    output += p[second + u + 1] * hidden[u];
                }

                double r = output - t[i];
                error += 0.5 * r * r;
            }

            return error;
        }

        /// <summary>Binary classification: mean binary cross-entropy of a sigmoid output, as softplus(o) - t o.</summary>
        [Differentiable]
        public static double BinaryLoss(ReadOnlySpan<double> p, [NoDerivative] ReadOnlySpan<double> x, [NoDerivative] ReadOnlySpan<double> t, int n, int h)
        {
            int m = t.Length;
            int second = h * (n + 1);
            Span<double> hidden = stackalloc double[h];
            double loss = 0;
            for (int i = 0; i < m; i++)
            {
                for (int u = 0; u < h; u++)
                {
                    double a = p[u * (n + 1)];
                    for (int j = 0; j < n; j++)
                    {
                        a += p[u * (n + 1) + j + 1] * x[i * n + j];
                    }

                    hidden[u] = SymMath.Sigmoid(a);
                }

                double output = p[second];
                for (int u = 0; u < h; u++)
                {
                    output += p[second + u + 1] * hidden[u];
                }

                loss += SymMath.Softplus(output) - t[i] * output;
            }

            return loss / m;
        }

        /// <summary>Multi-class classification: mean categorical cross-entropy of a softmax output over k classes.</summary>
        [Differentiable]
        public static double MulticlassLoss(ReadOnlySpan<double> p, [NoDerivative] ReadOnlySpan<double> x, ReadOnlySpan<int> y, int n, int h, int k)
        {
            int m = y.Length;
            int second = h * (n + 1);
            Span<double> hidden = stackalloc double[h];
            Span<double> scores = stackalloc double[k];
            double loss = 0;
            for (int i = 0; i < m; i++)
            {
                for (int u = 0; u < h; u++)
                {
                    double a = p[u * (n + 1)];
                    for (int j = 0; j < n; j++)
                    {
                        a += p[u * (n + 1) + j + 1] * x[i * n + j];
                    }

                    hidden[u] = SymMath.Sigmoid(a);
                }

                for (int c = 0; c < k; c++)
                {
                    double s = p[second + c * (h + 1)];
                    for (int u = 0; u < h; u++)
                    {
                        s += p[second + c * (h + 1) + u + 1] * hidden[u];
                    }

                    scores[c] = s;
                }

                loss -= SymMath.LogSoftmax(scores, y[i]);
            }

            return loss / m;
        }
    }
}
