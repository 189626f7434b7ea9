using System;
using SymGrad;

namespace SymGrad.Benchmarks.Models.Single
{
    /// <summary>
    /// The samples' classifiers in <c>float</c> (<c>samples/SymGrad.Models</c>' <c>SoftmaxRegression.Loss</c> and
    /// <c>TwoLayerNetwork.MulticlassLoss</c>: one parameter vector in the samples' layout, class indices, a
    /// <c>stackalloc</c> row of scores, <c>SymMath.LogSoftmax</c> at the label), for the <c>float</c> sharded gradient
    /// (<c>ParallelSinglePrecisionBenchmarks</c>).
    /// </summary>
    public static partial class SingleLabelClassifiers
    {
        /// <summary>The mean cross-entropy of softmax regression: class c's bias at <c>w[c * (n + 1)]</c>, its weights after it.</summary>
        [Differentiable]
        public static float Softmax(ReadOnlySpan<float> w, [NoDerivative] ReadOnlySpan<float> x, ReadOnlySpan<int> y, int n, int k)
        {
            int m = y.Length;
            Span<float> scores = stackalloc float[k];
            float loss = 0;
            for (int i = 0; i < m; i++)
            {
                for (int c = 0; c < k; c++)
                {
                    float s = w[c * (n + 1)];
                    for (int j = 0; j < n; j++)
                    {
                        s += w[c * (n + 1) + j + 1] * x[i * n + j];
                    }

                    scores[c] = s;
                }

                loss -= SymMath.LogSoftmax(scores, y[i]);
            }

            return loss / m;
        }

        /// <summary>Hidden unit <paramref name="u"/> of row <paramref name="i"/>: the sigmoid of its bias plus its weights by the row.</summary>
        [Differentiable]
        public static float Hidden(ReadOnlySpan<float> p, [NoDerivative] ReadOnlySpan<float> x, int n, int u, int i)
        {
            float a = p[u * (n + 1)];
            for (int j = 0; j < n; j++)
            {
                a += p[u * (n + 1) + j + 1] * x[i * n + j];
            }

            return SymMath.Sigmoid(a);
        }

        /// <summary>Output unit <paramref name="c"/>: its bias plus its weights by the hidden layer.</summary>
        [Differentiable]
        public static float Output(ReadOnlySpan<float> p, ReadOnlySpan<float> hidden, int second, int c)
        {
            int h = hidden.Length;
            float s = p[second + c * (h + 1)];
            for (int u = 0; u < h; u++)
            {
                s += p[second + c * (h + 1) + u + 1] * hidden[u];
            }

            return s;
        }

        /// <summary>The mean cross-entropy of the two-layer network (sigmoid hidden layer, softmax output), in the samples' layout.</summary>
        [Differentiable]
        public static float Network(ReadOnlySpan<float> p, [NoDerivative] ReadOnlySpan<float> x, ReadOnlySpan<int> y, int n, int h, int k)
        {
            int m = y.Length;
            int second = h * (n + 1);
            Span<float> hidden = stackalloc float[h];
            Span<float> scores = stackalloc float[k];
            float loss = 0;
            for (int i = 0; i < m; i++)
            {
                for (int u = 0; u < h; u++)
                {
                    hidden[u] = Hidden(p, x, n, u, i);
                }

                for (int c = 0; c < k; c++)
                {
                    scores[c] = Output(p, hidden, second, c);
                }

                loss -= SymMath.LogSoftmax(scores, y[i]);
            }

            return loss / m;
        }
    }
}
