using System;
using SymGrad;

namespace SymGrad.Models;

/// <summary>
/// Robust linear regression: y = w_0 + Σ_j w_j x_j + σ ε with Student-t noise ε ~ t_ν, whose heavy tails
/// let a few gross outliers pull the line far less than squared error does. The number of degrees of
/// freedom ν is learned with the line: small ν means heavy tails, ν → ∞ is Gaussian noise. The parameters
/// are w = (bias, w_1..w_n, log ν, log σ); the logarithms keep ν and σ positive without constraints.
/// </summary>
public static partial class StudentTRegression
{
    /// <summary>The number of parameters for n features: bias, n weights, log ν, log σ.</summary>
    public static int ParameterCount(int n) => n + 3;

    /// <summary>The index of log ν in w for n features.</summary>
    public static int LogNuIndex(int n) => n + 1;

    /// <summary>The index of log σ in w for n features.</summary>
    public static int LogSigmaIndex(int n) => n + 2;

    /// <summary>
    /// The mean over the m rows of -log p(y_i | x_i), where p is the density of σ t_ν around the line:
    /// log p = log t_ν(r/σ) - log σ with r = y - w_0 - Σ w_j x_j and
    /// log t_ν(z) = ln Γ((ν+1)/2) - ln Γ(ν/2) - ½ ln(νπ) - (ν+1)/2 ln(1 + z²/ν).
    /// SymGrad cannot read <see cref="SpecialFunctions.LogGamma"/>; the generated gradient calls its
    /// <c>[DerivativeOf]</c> derivative, <see cref="SpecialFunctions.LogGammaGradient"/>, instead.
    /// </summary>
    [Differentiable]
    public static double NegativeLogLikelihood(ReadOnlySpan<double> w, [NoDerivative] ReadOnlySpan<double> x, [NoDerivative] ReadOnlySpan<double> y, int n)
    {
        int m = y.Length;
        double nu = Math.Exp(w[n + 1]);
        double logSigma = w[n + 2];
        double sigma = Math.Exp(logSigma);

        // The part of log p(y_i | x_i) that is the same for every row, computed once.
        double logNormaliser = SpecialFunctions.LogGamma((nu + 1) / 2) - SpecialFunctions.LogGamma(nu / 2) - 0.5 * Math.Log(nu * Math.PI) - logSigma;
        double tails = 0;
        for (int i = 0; i < m; i++)
        {
            double prediction = w[0];
            for (int j = 0; j < n; j++)
            {
                prediction += w[j + 1] * x[i * n + j];
            }

            double z = (y[i] - prediction) / sigma;
            tails += (nu + 1) / 2 * Math.Log(1 + z * z / nu);
        }

        return tails / m - logNormaliser;
    }

    /// <summary>The fitted line's prediction w_0 + Σ w_j x_j for one row.</summary>
    public static double Predict(ReadOnlySpan<double> w, ReadOnlySpan<double> row)
    {
        double prediction = w[0];
        for (int j = 0; j < row.Length; j++)
        {
            prediction += w[j + 1] * row[j];
        }

        return prediction;
    }

    /// <summary>
    /// A starting point that does not presume heavy tails: a flat line through the mean of y, ν = 30 (close
    /// to Gaussian) and σ the standard deviation of y. Training has to find small ν from the data.
    /// </summary>
    public static double[] InitialParameters(ReadOnlySpan<double> y, int n)
    {
        if (y.Length < 2)
        {
            throw new ArgumentException("At least two targets are needed to start from their spread.", nameof(y));
        }

        // Indexed loops rather than foreach over the span: this file is also compiled by the generator's scaling
        // tests at C# 12, where foreach over .NET 10's ReadOnlySpan<T> binds to a preview feature (CS8652).
        double mean = 0;
        for (int i = 0; i < y.Length; i++)
        {
            mean += y[i] / y.Length;
        }

        double variance = 0;
        for (int i = 0; i < y.Length; i++)
        {
            variance += (y[i] - mean) * (y[i] - mean) / (y.Length - 1);
        }

        var w = new double[ParameterCount(n)];
        w[0] = mean;
        w[LogNuIndex(n)] = Math.Log(30);
        w[LogSigmaIndex(n)] = 0.5 * Math.Log(Math.Max(variance, 1e-12));
        return w;
    }
}
