using System;

namespace SymGrad.Benchmarks.Workloads
{
    /// <summary>Central finite differences, perturbing each parameter array in place.</summary>
    public static class CentralDifferences
    {
        /// <summary>The relative step: near the cube root of machine epsilon, the optimum for central differences.</summary>
        public const double RelativeStep = 1e-5;

        /// <summary>
        /// Writes (f(θ + h e_i) - f(θ - h e_i)) / 2h for every entry θ_i of every array in
        /// <paramref name="parameters"/> into the matching entry of <paramref name="gradients"/>, and
        /// returns f(θ). Every parameter is restored exactly.
        /// </summary>
        public static double Gradient(Func<double> f, double[][] parameters, double[][] gradients)
        {
            for (int p = 0; p < parameters.Length; p++)
            {
                double[] values = parameters[p];
                double[] gradient = gradients[p];
                for (int i = 0; i < values.Length; i++)
                {
                    double original = values[i];
                    double step = RelativeStep * Math.Max(1.0, Math.Abs(original));
                    double up = original + step;
                    double down = original - step;
                    values[i] = up;
                    double fUp = f();
                    values[i] = down;
                    double fDown = f();
                    values[i] = original;
                    gradient[i] = (fUp - fDown) / (up - down);
                }
            }

            return f();
        }
    }
}
