using System;
using SymGrad;

namespace SymGrad.Models;

/// <summary>
/// The four-parameter logistic dose-response curve of pharmacology (the Hill equation):
/// y(d) = bottom + (top - bottom) / (1 + (d / ec50)^(-hill)), written with log10 doses as
/// y = bottom + (top - bottom) / (1 + 10^((logEc50 - log10 d) hill)). Parameters
/// p = (bottom, top, logEc50, hill). Its residuals are a vector-valued differentiable method, so
/// SymGrad generates their Jacobian for Levenberg-Marquardt.
/// </summary>
public static partial class DoseResponse
{
    /// <summary>The number of parameters: bottom, top, log10 EC50, Hill slope.</summary>
    public const int ParameterCount = 4;

    /// <summary>The curve at one log10 dose.</summary>
    public static double Response(ReadOnlySpan<double> p, double logDose) =>
        p[0] + (p[1] - p[0]) / (1.0 + Math.Pow(10.0, (p[2] - logDose) * p[3]));

    /// <summary>The residuals r_i = curve(logDose_i) - response_i, one per observation.</summary>
    [Differentiable]
    public static void Residuals(double[] p, [NoDerivative] double[] logDose, [NoDerivative] double[] response, Span<double> residuals)
    {
        for (int i = 0; i < residuals.Length; i++)
        {
            double rise = Math.Exp(Math.Log(10.0) * (p[2] - logDose[i]) * p[3]);
            residuals[i] = p[0] + (p[1] - p[0]) / (1.0 + rise) - response[i];
        }
    }
}
