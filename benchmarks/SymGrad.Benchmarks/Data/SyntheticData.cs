using System;

namespace SymGrad.Benchmarks.Data
{
    /// <summary>Deterministic synthetic inputs: every array comes from a fixed-seed generator.</summary>
    public sealed class SyntheticData
    {
        /// <summary>The seed every workload starts from.</summary>
        public const int Seed = 20261129;

        private readonly Random random;

        public SyntheticData(int seed = Seed)
        {
            random = new Random(seed);
        }

        /// <summary>n independent draws from N(0, scale²) (Box-Muller).</summary>
        public double[] Normal(int n, double scale)
        {
            double[] values = new double[n];
            for (int i = 0; i < n; i++)
            {
                double u = 1.0 - random.NextDouble();
                double v = random.NextDouble();
                values[i] = scale * Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
            }

            return values;
        }

        /// <summary>0/1 labels of a noisy linear teacher on the rows of <paramref name="x"/> (m by n).</summary>
        public double[] BinaryLabels(double[] x, int m, int n)
        {
            double[] teacher = Normal(n, 1.0);
            double[] labels = new double[m];
            for (int i = 0; i < m; i++)
            {
                double z = 0.0;
                for (int j = 0; j < n; j++)
                {
                    z += teacher[j] * x[i * n + j];
                }

                labels[i] = z + Normal(1, 0.5)[0] > 0.0 ? 1.0 : 0.0;
            }

            return labels;
        }

        /// <summary>One-hot labels (m by k) of the arg-max of a noisy linear teacher on the rows of x.</summary>
        public double[] OneHotLabels(double[] x, int m, int n, int k)
        {
            double[] teacher = Normal(k * n, 1.0);
            double[] labels = new double[m * k];
            for (int i = 0; i < m; i++)
            {
                int best = 0;
                double bestScore = double.NegativeInfinity;
                for (int c = 0; c < k; c++)
                {
                    double score = random.NextDouble();
                    for (int j = 0; j < n; j++)
                    {
                        score += teacher[c * n + j] * x[i * n + j];
                    }

                    if (score > bestScore)
                    {
                        bestScore = score;
                        best = c;
                    }
                }

                labels[i * k + best] = 1.0;
            }

            return labels;
        }

        /// <summary>The class index of each one-hot row (m by k).</summary>
        public static long[] ClassIndices(double[] oneHot, int m, int k)
        {
            long[] indices = new long[m];
            for (int i = 0; i < m; i++)
            {
                for (int c = 0; c < k; c++)
                {
                    if (oneHot[i * k + c] == 1.0)
                    {
                        indices[i] = c;
                    }
                }
            }

            return indices;
        }
    }
}
