using System;

namespace SymGrad.Runtime.Tests.Solvers
{
    /// <summary>
    /// Hand-written stand-ins with exactly the signatures SymGrad generates for the models of docs/solvers.md, so the page's
    /// example compiles and runs here without the generator:
    /// <c>[Differentiable] static double Loss(double[] w, [NoDerivative] double[] features, [NoDerivative] double[] labels)</c>
    /// gets <c>LossHessian(w, features, labels, Span&lt;double&gt; dw, Span&lt;double&gt; hessian)</c>.
    /// </summary>
    internal static class LogisticModel
    {
        /// <summary>Two features and a bias.</summary>
        public const int ParameterCount = 3;

        public static double Loss(double[] w, double[] features, double[] labels)
        {
            return LossHessian(w, features, labels, new double[ParameterCount], new double[ParameterCount * ParameterCount]);
        }

        public static double LossHessian(double[] w, double[] features, double[] labels, Span<double> dw, Span<double> hessian)
        {
            int rows = labels.Length;
            double loss = 0.0;
            dw.Clear();
            hessian.Clear();
            Span<double> row = stackalloc double[ParameterCount];
            for (int r = 0; r < rows; r++)
            {
                row[0] = features[2 * r];
                row[1] = features[2 * r + 1];
                row[2] = 1.0;
                double z = w[0] * row[0] + w[1] * row[1] + w[2];
                double s = 1.0 / (1.0 + Math.Exp(-z));
                loss += Math.Max(z, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(z))) - labels[r] * z;
                for (int i = 0; i < ParameterCount; i++)
                {
                    dw[i] += (s - labels[r]) * row[i] / rows;
                    for (int j = 0; j < ParameterCount; j++)
                    {
                        hessian[i * ParameterCount + j] += s * (1.0 - s) * row[i] * row[j] / rows;
                    }
                }
            }

            return loss / rows;
        }
    }

    /// <summary>
    /// The stand-in for <c>[Differentiable] static void Residuals(double[] p, [NoDerivative] double[] times,
    /// [NoDerivative] double[] observed, Span&lt;double&gt; output)</c> with output[i] = p₀·exp(-p₁·tᵢ) + p₂ - yᵢ, whose generated
    /// Jacobian method is <c>ResidualsJacobian(p, times, observed, output, Span&lt;double&gt; jacobian)</c>.
    /// </summary>
    internal static class DecayModel
    {
        public static void ResidualsJacobian(double[] p, double[] times, double[] observed, Span<double> output, Span<double> jacobian)
        {
            for (int i = 0; i < times.Length; i++)
            {
                double e = Math.Exp(-p[1] * times[i]);
                output[i] = p[0] * e + p[2] - observed[i];
                jacobian[3 * i] = e;
                jacobian[3 * i + 1] = -p[0] * times[i] * e;
                jacobian[3 * i + 2] = 1.0;
            }
        }
    }
}
