using System;

namespace SymGrad.Runtime.Tests.Solvers
{
    /// <summary>
    /// Mean logistic loss plus ½·ridge·‖w‖² on a seeded synthetic data set whose labels are drawn from the model itself (so the
    /// classes overlap and the optimum is finite), with a hand-written gradient, Hessian and Hessian-vector product.
    /// </summary>
    internal sealed class LogisticRegressionProblem
    {
        private const double Ridge = 1e-3;
        private readonly double[] features;
        private readonly double[] labels;

        public LogisticRegressionProblem(int rows, int featureCount, int seed)
        {
            var random = new Random(seed);
            ParameterCount = featureCount + 1;
            features = new double[rows * ParameterCount];
            labels = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                double z = 0.5;
                for (int j = 0; j < featureCount; j++)
                {
                    double v = 2.0 * random.NextDouble() - 1.0;
                    features[r * ParameterCount + j] = v;
                    z += (j % 2 == 0 ? 2.0 : -1.5) * v;
                }

                features[r * ParameterCount + featureCount] = 1.0; // the bias column
                labels[r] = random.NextDouble() < 1.0 / (1.0 + Math.Exp(-z)) ? 1.0 : 0.0;
            }

            Rows = rows;
        }

        public int ParameterCount { get; }

        public int Rows { get; }

        public double Value(ReadOnlySpan<double> w) => ValueAndGradient(w, new double[w.Length]);

        public double ValueAndGradient(ReadOnlySpan<double> w, Span<double> g)
        {
            int n = ParameterCount;
            double loss = 0.0;
            for (int r = 0; r < Rows; r++)
            {
                ReadOnlySpan<double> row = features.AsSpan(r * n, n);
                double z = Dot(row, w);
                loss += Math.Max(z, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(z))) - labels[r] * z;
                double residual = Sigmoid(z) - labels[r];
                for (int j = 0; j < n; j++)
                {
                    g[j] += residual * row[j] / Rows;
                }
            }

            for (int j = 0; j < n; j++)
            {
                g[j] += Ridge * w[j];
            }

            return loss / Rows + 0.5 * Ridge * Dot(w, w);
        }

        public double ValueGradientHessian(ReadOnlySpan<double> w, Span<double> g, Span<double> h)
        {
            int n = ParameterCount;
            for (int r = 0; r < Rows; r++)
            {
                ReadOnlySpan<double> row = features.AsSpan(r * n, n);
                double s = Sigmoid(Dot(row, w));
                double weight = s * (1.0 - s) / Rows;
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        h[i * n + j] += weight * row[i] * row[j];
                    }
                }
            }

            for (int i = 0; i < n; i++)
            {
                h[i * n + i] += Ridge;
            }

            return ValueAndGradient(w, g);
        }

        public double HessianVectorProduct(ReadOnlySpan<double> w, ReadOnlySpan<double> v, Span<double> hv)
        {
            int n = ParameterCount;
            for (int r = 0; r < Rows; r++)
            {
                ReadOnlySpan<double> row = features.AsSpan(r * n, n);
                double s = Sigmoid(Dot(row, w));
                double weight = s * (1.0 - s) * Dot(row, v) / Rows;
                for (int i = 0; i < n; i++)
                {
                    hv[i] += weight * row[i];
                }
            }

            for (int i = 0; i < n; i++)
            {
                hv[i] += Ridge * v[i];
            }

            return Value(w);
        }

        private static double Sigmoid(double z) => z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));

        private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        {
            double sum = 0.0;
            for (int i = 0; i < a.Length; i++)
            {
                sum += a[i] * b[i];
            }

            return sum;
        }
    }
}
