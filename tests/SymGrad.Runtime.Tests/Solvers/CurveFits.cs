using System;

namespace SymGrad.Runtime.Tests.Solvers
{
    /// <summary>Least-squares residuals r_i = model(t_i; p) - y_i with hand-written Jacobians, and seeded data to fit.</summary>
    internal sealed class CurveFits
    {
        public CurveFits(double[] times, double[] observations)
        {
            Times = times;
            Observations = observations;
        }

        public double[] Times { get; }

        public double[] Observations { get; }

        /// <summary>Data from <paramref name="model"/> at <paramref name="count"/> evenly spaced times in [start, end], plus seeded Gaussian noise.</summary>
        public static CurveFits Generate(Func<double, double> model, int count, double start, double end, double noise, int seed)
        {
            var random = new Random(seed);
            double[] t = new double[count];
            double[] y = new double[count];
            for (int i = 0; i < count; i++)
            {
                t[i] = start + (end - start) * i / (count - 1);
                double gaussian = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
                y[i] = model(t[i]) + noise * gaussian;
            }

            return new CurveFits(t, y);
        }

        /// <summary>y = a·exp(-b·t) + c, parameters (a, b, c).</summary>
        public static double ExponentialDecay(ReadOnlySpan<double> p, double t) => p[0] * Math.Exp(-p[1] * t) + p[2];

        public void ExponentialDecayResiduals(ReadOnlySpan<double> p, Span<double> r, Span<double> j)
        {
            for (int i = 0; i < Times.Length; i++)
            {
                double e = Math.Exp(-p[1] * Times[i]);
                r[i] = p[0] * e + p[2] - Observations[i];
                j[i * 3] = e;
                j[i * 3 + 1] = -p[0] * Times[i] * e;
                j[i * 3 + 2] = 1.0;
            }
        }

        /// <summary>The four-parameter logistic y = d + (a - d) / (1 + (t / c)^b), parameters (a, b, c, d), for t &gt; 0.</summary>
        public static double FourParameterLogistic(ReadOnlySpan<double> p, double t) => p[3] + (p[0] - p[3]) / (1.0 + Math.Pow(t / p[2], p[1]));

        public void FourParameterLogisticResiduals(ReadOnlySpan<double> p, Span<double> r, Span<double> j)
        {
            double a = p[0], b = p[1], c = p[2], d = p[3];
            for (int i = 0; i < Times.Length; i++)
            {
                double t = Times[i];
                double u = Math.Pow(t / c, b);
                double denominator = 1.0 + u;
                r[i] = d + (a - d) / denominator - Observations[i];
                double du = -(a - d) / (denominator * denominator); // d r / d u
                j[i * 4] = 1.0 / denominator;
                j[i * 4 + 1] = du * u * Math.Log(t / c);
                j[i * 4 + 2] = du * (-b * u / c);
                j[i * 4 + 3] = 1.0 - 1.0 / denominator;
            }
        }
    }
}
