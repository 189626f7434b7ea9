using System;
using SymGrad;

namespace SymGrad.Models;

/// <summary>
/// The log-gamma function and its derivative, the digamma function, as ordinary C# that SymGrad does not
/// read (a coefficient table, a loop whose trip count depends on x, exceptions). <see cref="LogGammaGradient"/>
/// is marked <c>[DerivativeOf]</c>, so a method SymGrad differentiates may call <see cref="LogGamma"/> and its
/// generated gradient calls <see cref="LogGammaGradient"/> at that point (see docs/custom-derivatives.md).
/// Both functions are defined here for x &gt; 0 only, which is all a positive shape parameter such as a
/// Student-t's degrees of freedom needs; the reflection formula for negative x is left out on purpose.
/// </summary>
public static class SpecialFunctions
{
    /// <summary>The Euler-Mascheroni constant γ = -ψ(1).</summary>
    public const double EulerGamma = 0.57721566490153286061;

    // Lanczos approximation with g = 607/128 and 15 terms (Numerical Recipes, 3rd edition, §6.1, 'gammln'):
    // Γ(x) = sqrt(2π) (x + g - 1/2)^(x - 1/2) e^-(x + g - 1/2) (c0 + Σ c_k / (x + k)) / x, written in logarithms
    // so that large x does not overflow. 671/128 = g + 1/2 is exact in binary.
    private const double LanczosShift = 671.0 / 128.0;
    private const double LanczosFirst = 0.999999999999997092;
    private const double SqrtTwoPi = 2.5066282746310005;

    private static readonly double[] LanczosCoefficients =
    {
        57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
        0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3,
        -0.210264441724104883e-3, 0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4,
        -0.261908384015814087e-4, 0.368991826595316234e-5,
    };

    // The digamma function's asymptotic series ψ(x) ~ ln x - 1/(2x) - Σ B_2k / (2k x^2k), k = 1..9 (Bernoulli
    // numbers B_2k). From x >= 6 the first omitted term, B_20 / (20 x^20), is below 1e-14; the recurrence
    // below adds a few rounding errors (measured against mpmath: at most 6e-15 for x in (0, 1e10]).
    private const double DigammaAsymptoticFrom = 6.0;

    private static readonly double[] DigammaSeries =
    {
        1.0 / 12, -1.0 / 120, 1.0 / 252, -1.0 / 240, 1.0 / 132, -691.0 / 32760, 1.0 / 12, -3617.0 / 8160, 43867.0 / 14364,
    };

    /// <summary>
    /// ln Γ(x) for x &gt; 0, by the Lanczos approximation: relative error about 1e-15 away from the zeros at
    /// x = 1 and x = 2, absolute error about 1e-15 near them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">x is not positive (zero, negative, NaN or -∞).</exception>
    public static double LogGamma(double x)
    {
        RequirePositive(x, nameof(x));
        if (double.IsPositiveInfinity(x))
        {
            return double.PositiveInfinity;
        }

        double shifted = x + LanczosShift;
        double leading = ((x + 0.5) * Math.Log(shifted)) - shifted;
        double series = LanczosFirst;
        for (int k = 0; k < LanczosCoefficients.Length; k++)
        {
            series += LanczosCoefficients[k] / (x + k + 1);
        }

        return leading + Math.Log(SqrtTwoPi * series / x);
    }

    /// <summary>
    /// The digamma function ψ(x) = d/dx ln Γ(x) for x &gt; 0: the recurrence ψ(x) = ψ(x + 1) - 1/x moves x
    /// up to at least 6, where the asymptotic series takes over: error below 1e-14.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">x is not positive (zero, negative, NaN or -∞).</exception>
    public static double Digamma(double x)
    {
        RequirePositive(x, nameof(x));
        if (double.IsPositiveInfinity(x))
        {
            return double.PositiveInfinity;
        }

        double shift = 0;
        while (x < DigammaAsymptoticFrom)
        {
            shift -= 1 / x;
            x += 1;
        }

        double inverseSquare = 1 / (x * x);
        double power = inverseSquare;
        double series = 0;
        foreach (double coefficient in DigammaSeries)
        {
            series += coefficient * power;
            power *= inverseSquare;
        }

        return shift + Math.Log(x) - (0.5 / x) - series;
    }

    /// <summary>
    /// The derivative SymGrad uses for <see cref="LogGamma"/>: its signature is the <c>LogGammaGradient</c>
    /// SymGrad would generate for it (the target's parameter, then <c>out double dx</c>); it returns ln Γ(x)
    /// and writes dx = ψ(x).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">x is not positive (zero, negative, NaN or -∞).</exception>
    [DerivativeOf(nameof(LogGamma))]
    public static double LogGammaGradient(double x, out double dx)
    {
        dx = Digamma(x);
        return LogGamma(x);
    }

    private static void RequirePositive(double x, string name)
    {
        // The negated comparison also rejects NaN.
        if (!(x > 0))
        {
            throw new ArgumentOutOfRangeException(name, x, "ln Γ and ψ are defined here for x > 0 only.");
        }
    }
}
